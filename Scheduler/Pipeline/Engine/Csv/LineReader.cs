using Microsoft.Win32.SafeHandles;

namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// Reads the lines that start within one byte range of a file. The line running across the
/// range's start belongs to the range before; the one running across its end belongs to this one.
/// A line longer than the limit is returned cut short (its head) and flagged, and the rest skipped.
/// </summary>
internal sealed class LineReader
{
    private const byte NewLine = (byte)'\n';
    private const int HeadLength = 256;

    private readonly SafeFileHandle _file;
    private readonly long _end;
    private readonly int _maxLineSize;
    private readonly byte[] _buffer;
    private readonly byte[] _head = new byte[HeadLength];
    private long _bufferOffset;
    private int _position;
    private int _length;
    private bool _endOfFile;

    /// <param name="buffer">Reused between ranges; at least twice <paramref name="maxLineSize"/>.</param>
    public LineReader(SafeFileHandle file, long start, long end, int maxLineSize, byte[] buffer)
    {
        if (buffer.Length < 2 * (maxLineSize + 1))
        {
            throw new ArgumentException("The buffer must hold two lines of the largest size.", nameof(buffer));
        }

        (_file, _end, _maxLineSize, _buffer) = (file, end, maxLineSize, buffer);
        _bufferOffset = start;
        if (start > 0)
        {
            // Start one byte early: if that byte ends a line, this range's first line starts at `start`.
            _bufferOffset = start - 1;
            SkipRestOfLine();
        }
    }

    /// <summary>The next line without its line break; false when no further line starts in the range.</summary>
    /// <param name="overlong">The line was longer than the limit; <paramref name="line"/> is its head.</param>
    public bool TryRead(out ReadOnlySpan<byte> line, out bool overlong)
    {
        overlong = false;
        line = default;
        if (_bufferOffset + _position >= _end)
        {
            return false;
        }

        while (true)
        {
            var pending = _buffer.AsSpan(_position, _length - _position);
            var newLine = pending.IndexOf(NewLine);
            if (newLine >= 0)
            {
                line = pending[..newLine];
                _position += newLine + 1;
                return true;
            }

            if (pending.Length > _maxLineSize)
            {
                var head = Math.Min(HeadLength, pending.Length);
                pending[..head].CopyTo(_head);
                SkipRestOfLine();
                line = _head.AsSpan(0, head);
                overlong = true;
                return true;
            }

            if (_endOfFile)
            {
                if (pending.IsEmpty)
                {
                    return false;
                }

                line = pending;
                _position = _length;
                return true;
            }

            Refill();
        }
    }

    /// <summary>Moves past the next line break (or to the end of the file).</summary>
    private void SkipRestOfLine()
    {
        while (true)
        {
            var newLine = _buffer.AsSpan(_position, _length - _position).IndexOf(NewLine);
            if (newLine >= 0)
            {
                _position += newLine + 1;
                return;
            }

            // Nothing in the buffer is needed any more.
            _bufferOffset += _length;
            _position = _length = 0;
            if (_endOfFile)
            {
                return;
            }

            Refill();
        }
    }

    /// <summary>Keeps the unread bytes, moved to the front, and reads more after them.</summary>
    private void Refill()
    {
        var unread = _length - _position;
        if (_position > 0)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, unread);
            _bufferOffset += _position;
            _position = 0;
            _length = unread;
        }

        var read = RandomAccess.Read(_file, _buffer.AsSpan(_length), _bufferOffset + _length);
        _length += read;
        _endOfFile = read == 0;
    }
}
