using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MessagePack;
using MessagePack.Formatters;

namespace DistSys.Streams.Events;

/// <summary>
/// A batch on the wire: <c>[count, bin]</c>, the NDJSON lines as one binary blob. Reading rents the
/// buffer from the pool and copies the blob into it, so a remote batch costs one copy and no
/// allocation per event; the receiver releases it as it would a local one.
/// </summary>
internal sealed class EventBatchFormatter : IMessagePackFormatter<EventBatch?>
{
    /// <summary>The most bytes one batch may declare: the transport's frames are 16 MiB at most.</summary>
    public const int MaxBytes = 16 << 20;

    public void Serialize(ref MessagePackWriter writer, EventBatch? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(2);
        writer.Write(value.Count);
        writer.Write(value.Data);
    }

    public EventBatch? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (reader.ReadArrayHeader() != 2)
        {
            ThrowMalformed("a batch is [count, bytes]");
        }

        var count = reader.ReadInt32();
        var bytes = reader.ReadBytes() ?? default;
        if (bytes.Length > MaxBytes || count < 0 || count > bytes.Length)
        {
            ThrowMalformed($"a batch of {count} event(s) in {bytes.Length} byte(s)");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)bytes.Length));
        bytes.CopyTo(buffer);
        return new EventBatch(buffer, (int)bytes.Length, count);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMalformed(string what) => throw new MessagePackSerializationException($"malformed event batch: {what}");
}
