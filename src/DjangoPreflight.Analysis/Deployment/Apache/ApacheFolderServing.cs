namespace DjangoPreflight.Analysis.Deployment.Apache;

/// <summary>
/// How Apache serves the files of an aliased folder: whether a handler there runs them as programs
/// (PHP, CGI with <c>Options ExecCGI</c>, mod_wsgi's wsgi-script, a FastCGI proxy), whether
/// <c>Options Indexes</c> lists the folder, and whether the responses keep an uploaded page inert
/// (<c>Header set Content-Disposition attachment</c>, a sandbox CSP, <c>ForceType application/octet-stream</c>).
/// The directives are read in the order that applies them: server-wide, virtual host, then the
/// folder's Directory sections from the outermost.
/// </summary>
public static class ApacheFolderServing
{
    private static readonly string[] RunnerHandlers = ["php", "cgi-script", "wsgi-script", "python", "perl", "proxy:fcgi", "proxy:unix", "fcgid-script", "x-httpd-"];

    /// <summary>The directive that makes files of the folder run as programs, and the handler; null when none does.</summary>
    public static (string Handler, ApacheDirective Directive)? Runner(IReadOnlyList<ApacheDirective> scope)
    {
        (string, ApacheDirective)? runner = null;
        var execCgi = false;
        foreach (var d in Expanded(scope))
        {
            if (d.Is("Options"))
                execCgi = OptionOn(d, "ExecCGI", execCgi);
            else if (d.Is("SetHandler") || d.Is("AddHandler") || d.Is("AddType") && d.Arg(0).Contains("php", StringComparison.OrdinalIgnoreCase))
            {
                var handler = d.Arg(0).ToLowerInvariant();
                if (handler is "none" or "default-handler") runner = null;
                else if (RunnerHandlers.Any(h => handler.Contains(h, StringComparison.Ordinal))) runner = (d.Arg(0), d);
            }
            else if (d.Is("RemoveHandler") || d.Is("RemoveType") || (d.Is("php_admin_flag") || d.Is("php_flag") || d.Is("php_admin_value") || d.Is("php_value"))
                     && d.Arg(0).Equals("engine", StringComparison.OrdinalIgnoreCase) && d.Arg(1).ToLowerInvariant() is "off" or "0")
                runner = null;
        }
        // A CGI or mod_wsgi handler runs nothing without ExecCGI (httpd answers 403).
        return runner is var (h, _) && (h.Contains("cgi-script", StringComparison.OrdinalIgnoreCase) || h.Contains("wsgi-script", StringComparison.OrdinalIgnoreCase)) && !execCgi ? null : runner;
    }

    /// <summary>The <c>Options</c> that turns directory listings on for the folder, or null.</summary>
    public static ApacheDirective? Listing(IReadOnlyList<ApacheDirective> scope)
    {
        ApacheDirective? on = null;
        foreach (var d in Expanded(scope).Where(d => d.Is("Options")))
            on = OptionOn(d, "Indexes", on is not null) ? on ?? d : null;
        return on;
    }

    /// <summary>True when the folder's responses keep an uploaded page inert: Content-Disposition
    /// attachment, a sandbox CSP, or a forced download type.</summary>
    public static bool KeepsInert(IReadOnlyList<ApacheDirective> scope)
    {
        var flat = Expanded(scope).ToList();
        var disposition = ApacheVirtualHost.HeaderIn(flat, "Content-Disposition")?.Value;
        var csp = ApacheVirtualHost.HeaderIn(flat, "Content-Security-Policy")?.Value;
        return disposition?.StartsWith("attachment", StringComparison.OrdinalIgnoreCase) == true || csp?.Contains("sandbox", StringComparison.OrdinalIgnoreCase) == true
            || flat.LastOrDefault(d => d.Is("ForceType"))?.Arg(0).ToLowerInvariant() is "application/octet-stream" or "text/plain";
    }

    /// <summary>Directives with conditional sections opened and Files/FilesMatch sections read in place
    /// (a handler set for *.php there still runs uploaded .php files).</summary>
    private static IEnumerable<ApacheDirective> Expanded(IEnumerable<ApacheDirective> scope) =>
        ApacheDirective.Flatten(scope).SelectMany(d => d.Section is not null && (d.Is("Files") || d.Is("FilesMatch")) ? Expanded(d.Section) : d.Section is null ? [d] : []);

    /// <summary>Whether an Options line leaves <paramref name="option"/> on: a bare list replaces the
    /// options, <c>+X</c>/<c>-X</c> add to or take from what was in force.</summary>
    private static bool OptionOn(ApacheDirective options, string option, bool before)
    {
        var relative = options.Args.All(a => a.StartsWith('+') || a.StartsWith('-'));
        var on = relative && before;
        foreach (var a in options.Args)
        {
            var name = a.TrimStart('+', '-');
            if (name.Equals("All", StringComparison.OrdinalIgnoreCase)) on = !a.StartsWith('-');
            if (!name.Equals(option, StringComparison.OrdinalIgnoreCase)) continue;
            on = !a.StartsWith('-');
        }
        return on;
    }
}
