using System.Buffers;

namespace DistSys.Transport.Connections.Internal;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over a region whose size is known in advance (a claimed queue
/// record), so a system message encodes straight into the outbound queue. One per thread, reused.
/// </summary>
internal sealed class FixedBufferWriter : IBufferWriter<byte>
{
    [ThreadStatic]
    private static FixedBufferWriter? t_current;

    private Memory<byte> _destination;
    private int _written;

    public int Written => _written;

    public static FixedBufferWriter Over(Memory<byte> destination)
    {
        var writer = t_current ??= new FixedBufferWriter();
        writer._destination = destination;
        writer._written = 0;
        return writer;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _destination.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Remaining(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Remaining(sizeHint).Span;

    /// <summary>Forgets the region, so a stale writer cannot scribble on a record already published.</summary>
    public void Release() => _destination = default;

    // The region is exactly the declared payload, so a writer asking for more than remains (WireWriter
    // asks for 256-byte chunks) gets what remains; running out with bytes still to write is the lie.
    private Memory<byte> Remaining(int sizeHint)
    {
        var remaining = _destination[_written..];
        if (remaining.IsEmpty && sizeHint > 0)
        {
            throw new InvalidOperationException("The payload is longer than its declared PayloadLength.");
        }

        return remaining;
    }
}
