using System.Buffers;

namespace DjangoPreflight.Analysis.Project;

/// <summary>A file's bytes from <see cref="ProjectFiles.ReadPooled"/>: the first <see cref="Length"/>
/// bytes of <see cref="Buffer"/>, which may be longer. Disposing gives a pooled buffer back, after
/// which nothing may read it.</summary>
public sealed class PooledBytes(byte[] buffer, int length, bool rented) : IDisposable
{
    public byte[] Buffer { get; } = buffer;

    public int Length { get; } = length;

    public void Dispose()
    {
        if (rented) ArrayPool<byte>.Shared.Return(Buffer);
    }
}
