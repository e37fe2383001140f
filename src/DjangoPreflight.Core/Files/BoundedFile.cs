using System.Text;

namespace DjangoPreflight.Core.Files;

/// <summary>A file that was not read, and why, in words that follow its name and a colon: "a named pipe, not a regular file".</summary>
public sealed class FileRefusedException(string reason) : IOException(reason);

/// <summary>
/// Reads a whole file only when it is a regular file (links followed) no larger than a bound: a
/// named pipe would block forever, /dev/zero would never end, and a huge file would fill memory.
/// Every file a user or a scanned project names (configuration, env files, baselines, CA files)
/// is read through here.
/// </summary>
public static class BoundedFile
{
    /// <summary>The bound for files the command line names (baselines, configuration, env and CA files).</summary>
    public const long CommandLineMaxBytes = 64L * 1024 * 1024;

    /// <summary>The file's bytes. Throws <see cref="FileRefusedException"/> with a reason when it is
    /// missing, not a regular file, or over <paramref name="maxBytes"/>; other <see cref="IOException"/>s
    /// and <see cref="UnauthorizedAccessException"/> pass through.</summary>
    public static byte[] ReadBytes(string path, long maxBytes)
    {
        var size = Check(path, maxBytes);
        // Unknown kinds (not Linux) of length 0 may be pipes: never opened.
        if (size == 0) return [];
        using var handle = File.OpenHandle(path);
        // Read one byte past the bound, so a file that grew after it was measured is caught too.
        var buffer = new byte[Math.Min(size, maxBytes) + 1];
        var length = 0;
        for (int read; length < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0;)
            length += read;
        if (length > maxBytes) throw OverLimit(length, maxBytes);
        return length == buffer.Length ? buffer : buffer[..length];
    }

    /// <summary>The file as UTF-8 text (invalid bytes replaced), under the same conditions as <see cref="ReadBytes"/>.</summary>
    public static string ReadText(string path, long maxBytes) => Encoding.UTF8.GetString(ReadBytes(path, maxBytes));

    /// <summary>Throws like <see cref="ReadBytes"/> without reading; returns the size to read (0 for
    /// a file that must not be opened).</summary>
    public static long Check(string path, long maxBytes)
    {
        var kind = FileTypes.Of(path, out var size);
        switch (kind)
        {
            case FileType.Missing:
                throw new FileRefusedException("no such file");
            case FileType.Regular:
            case FileType.Unknown:
                if (size > maxBytes) throw OverLimit(size, maxBytes);
                return kind == FileType.Unknown && size == 0 ? 0 : Math.Max(size, 1);
            default:
                throw new FileRefusedException(kind == FileType.Directory ? "a directory, not a file" : $"{FileTypes.Describe(kind)}, not a regular file");
        }
    }

    private static FileRefusedException OverLimit(long size, long maxBytes) =>
        new($"over the {maxBytes}-byte limit ({(size > maxBytes + 1 ? $"{size} bytes" : "and growing")})");
}
