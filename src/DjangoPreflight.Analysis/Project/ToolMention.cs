using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        // Every file read is searched, so this runs over the whole project: 16 positions at a time,
        // keeping those whose first and last letters fit ('p' and 't' with the case bit set), and only
        // those are compared in full. A 'p'-by-'p' search was about as slow as reading the files.
        int last = Name.Length - 1, i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var caseBit = Vector128.Create((byte)0x20);
            var p = Vector128.Create((byte)'p');
            var t = Vector128.Create((byte)'t');
            ref var start = ref MemoryMarshal.GetReference(bytes);
            for (; i + last + Vector128<byte>.Count <= bytes.Length; i += Vector128<byte>.Count)
            {
                var firsts = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i) | caseBit, p);
                var lasts = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)(i + last)) | caseBit, t);
                for (var candidates = (firsts & lasts).ExtractMostSignificantBits(); candidates != 0; candidates &= candidates - 1)
                    if (IsNameAt(bytes, i + BitOperations.TrailingZeroCount(candidates))) return true;
            }
        }
        for (; i + last < bytes.Length; i++)
            if (IsNameAt(bytes, i)) return true;
        return false;
    }

    private static bool IsNameAt(ReadOnlySpan<byte> bytes, int at) => Ascii.EqualsIgnoreCase(bytes.Slice(at, Name.Length), Name);
}
