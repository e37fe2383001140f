using System.Text;

namespace DjangoPreflight.Analysis.Git;

/// <summary>Reads NUL-terminated UTF-8 tokens (git's <c>-z</c> output) from a stream without loading it whole.</summary>
public sealed class NulTokenReader : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly MemoryStream _token = new();
    private int _position;
    private int _length;

    public NulTokenReader(Stream stream) => _stream = stream;

    /// <summary>The next token, or null at the end (a final unterminated token is returned too).</summary>
    public string? Next()
    {
        _token.SetLength(0);
        while (true)
        {
            if (_position == _length)
            {
                _length = _stream.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0)
                    return _token.Length == 0 ? null : Decode();
            }
            var end = Array.IndexOf(_buffer, (byte)0, _position, _length - _position);
            if (end < 0)
            {
                _token.Write(_buffer, _position, _length - _position);
                _position = _length;
                continue;
            }
            _token.Write(_buffer, _position, end - _position);
            _position = end + 1;
            return Decode();
        }
    }

    private string Decode() => Encoding.UTF8.GetString(_token.GetBuffer(), 0, (int)_token.Length);

    public void Dispose() => _token.Dispose();
}
