using System.Text.Json;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>Pipfile.lock (JSON): "default" and "develop" sections, each package with "version": "==X".</summary>
public static class PipfileLockReader
{
    public static IEnumerable<DeclaredDependency> Read(string path, ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        if (files.ReadText(path) is not { } text) return [];
        var found = new List<DeclaredDependency>();
        var lines = LineIndex(text);
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            using var doc = JsonDocument.ParseValue(ref reader);
            foreach (var section in new[] { "default", "develop" })
            {
                if (!doc.RootElement.TryGetProperty(section, out var packages) || packages.ValueKind != JsonValueKind.Object) continue;
                foreach (var package in packages.EnumerateObject())
                {
                    if (package.Value.ValueKind != JsonValueKind.Object || !package.Value.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.String)
                        continue;
                    var specifier = v.GetString()!.Replace(" ", "", StringComparison.Ordinal);
                    found.Add(new DeclaredDependency(PackageName.Normalize(package.Name), specifier, VersionSpecifier.ExactPin(specifier),
                        new SourceLocation(path, LineOf(text, lines, $"\"{package.Name}\"")), FromLock: true));
                }
            }
        }
        catch (JsonException e)
        {
            diagnostics.ParseError(path, (int)(e.LineNumber ?? 0) + 1, $"JSON: {e.Message}");
        }
        return found;
    }

    private static List<int> LineIndex(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        return starts;
    }

    /// <summary>The line of the first occurrence of a package key (JsonDocument keeps no positions).</summary>
    private static int LineOf(string text, List<int> starts, string key)
    {
        var at = text.IndexOf(key + ":", StringComparison.Ordinal);
        if (at < 0) at = text.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return 1;
        var line = starts.BinarySearch(at);
        return line >= 0 ? line + 1 : ~line;
    }
}
