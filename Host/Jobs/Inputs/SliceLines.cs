using System.Buffers;

namespace DistSys.Jobs.Inputs;

/// <summary>Receives one line of a slice: its byte offset in the file and its bytes, without the line break.</summary>
internal delegate void LineHandler(long offset, ReadOnlySpan<byte> line);

/// <summary>
/// Reads the lines of a <see cref="FileSlice"/>: every line whose first byte lies in the slice's range,
/// each whole even where it runs past the range's end (as Hadoop's line reader does). A slice that
/// does not start the file begins one byte early and drops what precedes the first line break, so
/// the line it cuts belongs to the slice before. CRLF ends a line like LF; a UTF-8 byte order mark at
/// the start of the file is dropped. Memory is one pooled buffer, grown only for a line longer than it.
/// </summary>
internal static class SliceLines
{
    /// <summary>The longest line a slice may hold; a longer one fails the task, naming its offset.</summary>
    public const int MaxLineBytes = 64 << 20;

    private const int BufferBytes = 1 << 20;

    public static async ValueTask ForEachAsync(ISliceSource source, FileSlice slice, LineHandler handler, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(slice);
        ArgumentNullException.ThrowIfNull(handler);
        if (slice.Length == 0)
        {
            return;
        }

        var end = slice.Offset + slice.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var position = slice.Offset > 0 ? slice.Offset - 1 : 0;  // the file offset of buffer[0]
            var filled = 0;
            var skipFirst = slice.Offset > 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    buffer = Grow(buffer, slice.Name, position);
                }

                // Never past the size at submit: bytes a writer appended since belong to no slice.
                var want = (int)Math.Min(buffer.Length - filled, slice.FileSize - (position + filled));
                var read = want == 0 ? 0 : await source.ReadAsync(position + filled, buffer.AsMemory(filled, want), cancellation).ConfigureAwait(false);
                if (read == 0 && position + filled < slice.FileSize)
                {
                    throw new InvalidDataException($"{slice.Name}: the file ended at byte {position + filled}, before its size at submit ({slice.FileSize}): it changed since");
                }

                filled += read;
                var consumed = Lines(buffer.AsSpan(0, filled), position, end, read == 0, ref skipFirst, handler, out var done);
                if (done)
                {
                    return;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                position += consumed;
                filled -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hands every complete line in <paramref name="bytes"/> to the handler; returns how many bytes it consumed.</summary>
    private static int Lines(ReadOnlySpan<byte> bytes, long position, long end, bool atEnd, ref bool skipFirst, LineHandler handler, out bool done)
    {
        var start = 0;
        while (true)
        {
            if (!skipFirst && position + start >= end)
            {
                done = true;
                return start;
            }

            var newline = bytes[start..].IndexOf((byte)'\n');
            if (newline < 0 && !atEnd)
            {
                done = false;
                return start;
            }

            var length = newline < 0 ? bytes.Length - start : newline;
            if (skipFirst)
            {
                skipFirst = false;
            }
            else if (length > 0 || newline >= 0)
            {
                Emit(bytes.Slice(start, length), position + start, handler);
            }

            if (newline < 0)
            {
                done = true;
                return bytes.Length;
            }

            start += newline + 1;
        }
    }

    private static void Emit(ReadOnlySpan<byte> line, long offset, LineHandler handler)
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (offset == 0 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        handler(offset, line);
    }

    private static byte[] Grow(byte[] buffer, string name, long position)
    {
        if (buffer.Length >= MaxLineBytes)
        {
            throw new InvalidDataException($"{name}: the line at byte {position} is longer than {MaxLineBytes} bytes");
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxLineBytes));
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
