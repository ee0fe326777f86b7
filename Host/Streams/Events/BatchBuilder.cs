using System.Buffers;

namespace DistSys.Streams.Events;

/// <summary>Appends events (one line each) into a pooled buffer until it is taken as an <see cref="EventBatch"/>.</summary>
internal sealed class BatchBuilder
{
    private const int InitialBytes = 16 << 10;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBytes);

    public int Length { get; private set; }

    public int Count { get; private set; }

    public void Append(ReadOnlySpan<byte> evt)
    {
        Ensure(evt.Length + 1);
        evt.CopyTo(_buffer.AsSpan(Length));
        Length += evt.Length;
        _buffer[Length++] = (byte)'\n';
        Count++;
    }

    /// <summary>Room to write one event in place; <see cref="Commit"/> ends it.</summary>
    public Span<byte> Reserve(int bytes)
    {
        Ensure(bytes + 1);
        return _buffer.AsSpan(Length, bytes);
    }

    public void Commit(int bytes)
    {
        Length += bytes;
        _buffer[Length++] = (byte)'\n';
        Count++;
    }

    public EventBatch Take()
    {
        var batch = new EventBatch(_buffer, Length, Count);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(InitialBytes, Length));
        Length = 0;
        Count = 0;
        return batch;
    }

    private void Ensure(int bytes)
    {
        if (Length + bytes <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + bytes));
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
