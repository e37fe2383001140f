namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Paths inside the project, relative with '/': what a deployment file names (an include,
/// an env_file) is resolved here, and anything that climbs out of the project is refused.</summary>
public static class ProjectPath
{
    /// <summary>Resolves "." and ".."; null when the path leaves the project.</summary>
    public static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }
        return string.Join('/', parts);
    }

    /// <summary><paramref name="relative"/> taken from <paramref name="folder"/>; null for an absolute
    /// path or one that leaves the project.</summary>
    public static string? Join(string folder, string relative) =>
        relative.StartsWith('/') ? null : Normalize(folder.Length == 0 ? relative : folder + "/" + relative);
}
