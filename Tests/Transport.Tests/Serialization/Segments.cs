using System.Buffers;

namespace DistSys.Transport.Tests.Serialization;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as a socket delivers them.</summary>
internal static class Segments
{
    /// <summary>One segment holding all of <paramref name="data"/>.</summary>
    public static ReadOnlySequence<byte> Single(ReadOnlySpan<byte> data) => new(data.ToArray());

    /// <summary>Two segments split at <paramref name="offset"/> (either may be empty).</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlySpan<byte> data, int offset) =>
        Chunks(data[..offset].ToArray(), data[offset..].ToArray());

    /// <summary>One segment per byte.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(ReadOnlySpan<byte> data)
    {
        var chunks = new byte[data.Length][];
        for (var i = 0; i < data.Length; i++)
        {
            chunks[i] = [data[i]];
        }

        return Chunks(chunks);
    }

    /// <summary>A sequence made of the given chunks in order.</summary>
    public static ReadOnlySequence<byte> Chunks(params byte[][] chunks)
    {
        if (chunks.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(chunks[0], 0);
        var last = first;
        for (var i = 1; i < chunks.Length; i++)
        {
            last = last.Append(chunks[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
