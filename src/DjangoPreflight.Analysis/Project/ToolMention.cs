using System.Text;

namespace DjangoPreflight.Analysis.Project;

/// <summary>Whether a file names the tool ("preflight", in any case), as every suppression directive
/// does and almost no other file. <see cref="ProjectFiles"/> asks on every read, so the suppression
/// pass that follows the rules reads again only the files that could hold a directive.</summary>
public static class ToolMention
{
    private static readonly byte[] Name = "preflight"u8.ToArray();

    /// <summary>An ASCII case-insensitive search, without decoding the bytes.</summary>
    public static bool In(ReadOnlySpan<byte> bytes)
    {
        for (int i; (i = bytes.IndexOfAny((byte)'p', (byte)'P')) >= 0; bytes = bytes[(i + 1)..])
            if (bytes.Length - i >= Name.Length && Ascii.EqualsIgnoreCase(bytes.Slice(i, Name.Length), Name))
                return true;
        return false;
    }
}
