using System.Buffers;
using MessagePack;

namespace DistSys.Streams.Events;

/// <summary>
/// Events handed from one instance to the next: NDJSON lines in one pooled buffer, so a batch of a
/// thousand events costs the runtime one message. The receiver owns it and returns the buffer
/// (<see cref="Release"/>) once it has read it. Across nodes it travels as its bytes
/// (<see cref="EventBatchFormatter"/>), read back into a pooled buffer.
/// </summary>
[MessagePackFormatter(typeof(EventBatchFormatter))]
internal sealed class EventBatch(byte[] buffer, int length, int count)
{
    public int Count { get; } = count;

    public int Length { get; } = length;

    public ReadOnlySpan<byte> Data => buffer.AsSpan(0, Length);

    public void Release() => ArrayPool<byte>.Shared.Return(buffer);

    public LineEnumerator GetEnumerator() => new(Data);

    /// <summary>The events of a batch, one line each, without their newline.</summary>
    public ref struct LineEnumerator(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _rest = data;

        public ReadOnlySpan<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (_rest.IsEmpty)
            {
                return false;
            }

            var end = _rest.IndexOf((byte)'\n');
            Current = end < 0 ? _rest : _rest[..end];
            _rest = end < 0 ? default : _rest[(end + 1)..];
            return true;
        }
    }
}
