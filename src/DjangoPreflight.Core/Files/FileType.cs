using System.Runtime.InteropServices;

namespace DjangoPreflight.Core.Files;

/// <summary>What a path names, as the file system says before anything opens it.</summary>
public enum FileType
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    NamedPipe,
    CharacterDevice,
    BlockDevice,
    Socket,
    /// <summary>The platform could not say (not Linux): treat as not regular.</summary>
    Unknown,
}

/// <summary>
/// Tells regular files from named pipes and devices without opening them. .NET's file APIs report
/// a pipe or /dev/zero as an ordinary file of length 0, and opening a pipe blocks until someone
/// writes to it; a scanned repository can hold either, so whatever we read on its say-so is asked
/// here first. Linux's <c>statx(2)</c> is used because its result has one layout on every
/// architecture (the older <c>stat</c> structure differs between x64 and arm64).
/// </summary>
public static partial class FileTypes
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;

    /// <summary>The kind of <paramref name="path"/>; links are followed unless <paramref name="followLinks"/> is false
    /// (a dangling link is then <see cref="FileType.Missing"/>).</summary>
    public static FileType Of(string path, bool followLinks = true) => Stat(path, followLinks, out _);

    /// <summary>The kind and, for a regular file, its size in bytes.</summary>
    public static FileType Of(string path, out long size, bool followLinks = true) => Stat(path, followLinks, out size);

    /// <summary>A few words for messages: "a named pipe", "a character device".</summary>
    public static string Describe(FileType kind) => kind switch
    {
        FileType.Missing => "missing",
        FileType.Regular => "a regular file",
        FileType.Directory => "a directory",
        FileType.SymbolicLink => "a symbolic link",
        FileType.NamedPipe => "a named pipe",
        FileType.CharacterDevice => "a character device",
        FileType.BlockDevice => "a block device",
        FileType.Socket => "a socket",
        _ => "not a regular file",
    };

    private static FileType Stat(string path, bool followLinks, out long size)
    {
        size = 0;
        if (!OperatingSystem.IsLinux()) return Fallback(path, followLinks, out size);
        var result = NativeStatx(AtCurrentDirectory, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxSize, out var buffer);
        if (result != 0) return FileType.Missing;
        size = (long)buffer.Size;
        return (buffer.Mode & 0xF000) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0xA000 => FileType.SymbolicLink,
            0x1000 => FileType.NamedPipe,
            0x2000 => FileType.CharacterDevice,
            0x6000 => FileType.BlockDevice,
            0xC000 => FileType.Socket,
            _ => FileType.Unknown,
        };
    }

    /// <summary>Elsewhere only directories, links and missing paths can be told apart; everything
    /// else is <see cref="FileType.Unknown"/>, which callers treat as "do not open".</summary>
    private static FileType Fallback(string path, bool followLinks, out long size)
    {
        size = 0;
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists) info = new DirectoryInfo(path);
        if (!info.Exists) return FileType.Missing;
        if (!followLinks && info.LinkTarget is not null) return FileType.SymbolicLink;
        if (info is DirectoryInfo) return FileType.Directory;
        size = ((FileInfo)info).Length;
        return FileType.Unknown;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeStatx(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>struct statx (linux/stat.h): 256 bytes, the same on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
    }
}
