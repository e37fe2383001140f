namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>Reads the KEY=VALUE lines of a dotenv file (comments and blank lines skipped, no interpolation).</summary>
internal static class DotEnvFile
{
    public static Dictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            int equals = line.IndexOf('=');
            if (equals <= 0)
                throw new FormatException($"{path}: not a KEY=VALUE line: {raw}");
            values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        return values;
    }
}
