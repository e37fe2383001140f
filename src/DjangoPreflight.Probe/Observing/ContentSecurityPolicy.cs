namespace DjangoPreflight.Probe.Observing;

/// <summary>
/// One Content-Security-Policy as CSP Level 3 reads it: directives separated by ';', names
/// case-insensitive, the first occurrence of a directive wins. A header may carry several
/// policies separated by ',', and a page may add more in &lt;meta http-equiv&gt;; every enforced
/// policy must be satisfied, so scripts are restricted when any one of them restricts them.
/// </summary>
public sealed class ContentSecurityPolicy
{
    private readonly Dictionary<string, IReadOnlyList<string>> _directives = new(StringComparer.OrdinalIgnoreCase);

    private ContentSecurityPolicy(string source, bool reportOnly, bool fromMeta)
    {
        Source = source;
        ReportOnly = reportOnly;
        FromMeta = fromMeta;
    }

    /// <summary>Where the policy came from: "header", "report-only header" or "meta".</summary>
    public string Source { get; }

    public bool ReportOnly { get; }

    /// <summary>Meta policies ignore frame-ancestors, report-uri and sandbox (CSP3 §3.3).</summary>
    public bool FromMeta { get; }

    public IReadOnlyList<string>? Directive(string name) => _directives.GetValueOrDefault(name);

    /// <summary>The sources that govern scripts: script-src, else default-src; null if neither.</summary>
    public IReadOnlyList<string>? ScriptSources => Directive("script-src") ?? Directive("default-src");

    public static IEnumerable<ContentSecurityPolicy> ParseHeader(string value, bool reportOnly) =>
        value.Split(',').Select(p => Parse(p, reportOnly ? "report-only header" : "header", reportOnly, false)).Where(p => p._directives.Count > 0);

    public static ContentSecurityPolicy ParseMeta(string content) => Parse(content, "meta", false, true);

    private static ContentSecurityPolicy Parse(string text, string source, bool reportOnly, bool fromMeta)
    {
        var policy = new ContentSecurityPolicy(source, reportOnly, fromMeta);
        foreach (var raw in text.Split(';'))
        {
            var tokens = raw.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0) continue;
            var name = tokens[0].ToLowerInvariant();
            if (fromMeta && name is "frame-ancestors" or "report-uri" or "sandbox") continue;
            policy._directives.TryAdd(name, tokens.Skip(1).ToList());
        }
        return policy;
    }

    /// <summary>What is wrong with how this policy governs scripts, or empty when it is sound.
    /// 'unsafe-inline' is ignored by browsers when a nonce or hash is present (CSP2), and
    /// 'strict-dynamic' makes host and scheme allow-lists ignored too (CSP3).</summary>
    public IReadOnlyList<string> ScriptWeaknesses()
    {
        if (ScriptSources is not { } sources)
            return ["no script-src or default-src: scripts are not restricted"];
        var weaknesses = new List<string>();
        var hasNonceOrHash = sources.Any(IsNonceOrHash);
        var strictDynamic = sources.Any(s => s.Equals("'strict-dynamic'", StringComparison.OrdinalIgnoreCase));
        if (sources.Any(s => s.Equals("'unsafe-inline'", StringComparison.OrdinalIgnoreCase)) && !hasNonceOrHash)
            weaknesses.Add("'unsafe-inline' allows injected inline scripts");
        if (sources.Any(s => s.Equals("'unsafe-eval'", StringComparison.OrdinalIgnoreCase)))
            weaknesses.Add("'unsafe-eval' allows eval()");
        if (!(strictDynamic && hasNonceOrHash))
        {
            var broad = sources.Where(s => s is "*" or "http:" or "https:" or "data:").ToList();
            if (broad.Count > 0)
                weaknesses.Add($"{string.Join(" ", broad)} allows scripts from anywhere");
        }
        return weaknesses;
    }

    /// <summary>What the policy leaves open besides scripts, or empty: plugins (object-src, else
    /// default-src), &lt;base&gt; (base-uri has no fallback), every fetch directive it does not name
    /// (no default-src), and sources allowed over plain HTTP.</summary>
    public IReadOnlyList<string> HardeningGaps()
    {
        var gaps = new List<string>();
        if ((Directive("object-src") ?? Directive("default-src")) is not { } objects || objects.Any(s => s is "*" or "http:" or "https:" or "data:"))
            gaps.Add("object-src is not restricted (no object-src 'none' and no default-src): plugin content can run");
        if (Directive("base-uri") is null)
            gaps.Add("no base-uri: an injected <base> tag can point the page's relative script URLs elsewhere");
        if (Directive("default-src") is null)
            gaps.Add("no default-src: every kind of resource the policy does not name is unrestricted");
        return gaps;
    }

    /// <summary>Sources that load over plain HTTP: "http://host" anywhere, and "http:" outside the
    /// directives that govern scripts (there <see cref="ScriptWeaknesses"/> already reports it).</summary>
    public IReadOnlyList<string> InsecureSources() =>
        _directives.Where(d => d.Key.EndsWith("-src", StringComparison.Ordinal) || d.Key.StartsWith("script-src", StringComparison.Ordinal))
            .SelectMany(d => d.Value.Where(s => s.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                    || (s.Equals("http:", StringComparison.OrdinalIgnoreCase) && !ReferenceEquals(d.Value, ScriptSources)))
                .Select(s => $"{d.Key} {s}"))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();

    private static bool IsNonceOrHash(string s) =>
        s.StartsWith("'nonce-", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("'sha256-", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("'sha384-", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("'sha512-", StringComparison.OrdinalIgnoreCase);
}
