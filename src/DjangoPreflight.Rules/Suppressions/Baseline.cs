using System.Text.Json;
using DjangoPreflight.Core;
using DjangoPreflight.Core.Files;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>
/// The findings a team has accepted for now: each <see cref="FindingFingerprint"/> with how many
/// times it occurred. A scan with the baseline hides, per fingerprint, at most that many findings
/// (the first ones in report order) and shows the rest: one more occurrence than the baseline had is
/// new and shown. <c>django-preflight baseline</c> writes it; <c>scan --baseline FILE</c> applies it.
/// </summary>
public sealed class Baseline
{
    public const int FormatVersion = 1;
    public const string DefaultFileName = ".preflight-baseline.json";

    private Baseline(IReadOnlyDictionary<FindingFingerprint, int> counts) => Counts = counts;

    /// <summary>How many findings of each fingerprint the baseline accepts.</summary>
    public IReadOnlyDictionary<FindingFingerprint, int> Counts { get; }

    /// <summary>The baseline of these findings: a merged finding is recorded as the findings it stands for.</summary>
    public static Baseline Of(IReadOnlyList<Finding> findings) =>
        new(RootCauses.Unmerge(findings).GroupBy(FindingFingerprint.Of).ToDictionary(g => g.Key, g => g.Count()));

    /// <summary>Hides what the baseline lists. <paramref name="name"/> is the file as the user gave it,
    /// for the notices. Entries for rules that did not run are not counted as stale.</summary>
    public Filtered Apply(ScanReport report, string name)
    {
        // Matched finding by finding: of a merged finding, what the baseline does not list stays shown.
        var findings = RootCauses.Unmerge(report.Findings);
        var seen = new Dictionary<FindingFingerprint, int>();
        var kept = new List<Finding>(findings.Count);
        var accepted = new List<SuppressedFinding>();
        foreach (var finding in findings)
        {
            var fingerprint = FindingFingerprint.Of(finding);
            seen.TryGetValue(fingerprint, out var count);
            seen[fingerprint] = count + 1;
            if (count >= Counts.GetValueOrDefault(fingerprint)) kept.Add(finding);
            else accepted.Add(new SuppressedFinding(finding, SuppressionKind.External, $"accepted in the baseline {name}"));
        }
        var notices = new List<string>();
        // Counted as the report shows them: a merged finding of which some part is new stays shown.
        var shown = RootCauses.Merge(kept);
        var hidden = report.Findings.Count - shown.Count;
        if (hidden > 0) notices.Add($"{Filtered.Plural(hidden, "finding")} hidden by the baseline {name}");
        var ran = report.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var stale = Counts.Where(e => ran.Contains(e.Key.Rule)).Sum(e => Math.Max(0, e.Value - seen.GetValueOrDefault(e.Key)));
        if (stale > 0)
            notices.Add($"baseline {name}: {Filtered.Plural(stale, "accepted finding")} not found any more (fixed or changed); `django-preflight baseline` updates it");
        return new Filtered(shown, notices) { Hidden = accepted };
    }

    /// <summary>Indented JSON, entries sorted, the same bytes for the same findings.</summary>
    public void Write(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("tool", ScanReport.ToolName);
        json.WriteNumber("version", FormatVersion);
        json.WriteStartArray("findings");
        foreach (var (f, count) in Counts.OrderBy(e => e.Key.Rule, StringComparer.Ordinal).ThenBy(e => e.Key.Path, StringComparer.Ordinal)
                     .ThenBy(e => e.Key.Setting, StringComparer.Ordinal).ThenBy(e => e.Key.Evidence, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("rule", f.Rule);
            json.WriteString("path", f.Path);
            if (f.Setting.Length > 0) json.WriteString("setting", f.Setting);
            json.WriteString("evidence", f.Evidence);
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Reads a baseline file; any problem is a <see cref="BaselineException"/> with a one-line reason.</summary>
    public static Baseline Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadBytes(path, BoundedFile.CommandLineMaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BaselineException($"cannot read baseline '{path}': {e.Message}");
        }
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return Parse(doc.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new BaselineException($"baseline '{path}' is not valid JSON: {e.Message}");
        }
    }

    private static Baseline Parse(JsonElement root, string path)
    {
        BaselineException Bad(string why) => new($"'{path}' is not a django-preflight baseline: {why}");
        if (root.ValueKind != JsonValueKind.Object) throw Bad("expected a JSON object");
        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number) throw Bad("no 'version'");
        if (!version.TryGetInt32(out var v) || v != FormatVersion) throw Bad($"version {version.GetRawText()} is not supported (expected {FormatVersion})");
        if (!root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array) throw Bad("no 'findings' list");
        var counts = new Dictionary<FindingFingerprint, int>();
        int i = 0;
        foreach (var e in findings.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object) throw Bad($"findings[{i}] is not an object");
            string Text(string key, bool optional = false)
            {
                if (e.TryGetProperty(key, out var p) && p.ValueKind == JsonValueKind.String) return p.GetString()!;
                return optional && p.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? "" : throw Bad($"findings[{i}] has no '{key}' string");
            }
            var fingerprint = new FindingFingerprint(Text("rule"), Text("path"), Text("setting", optional: true), Text("evidence"));
            if (!e.TryGetProperty("count", out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out var count) || count < 1)
                throw Bad($"findings[{i}] has no positive whole 'count'");
            counts[fingerprint] = counts.GetValueOrDefault(fingerprint) + count;
            i++;
        }
        return new Baseline(counts);
    }
}

/// <summary>A baseline file that cannot be used; the message is one line for the user.</summary>
public sealed class BaselineException(string message) : Exception(message);
