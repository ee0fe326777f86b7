using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Framing;
using MessagePack;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// User payloads: a <c>byte[]</c> travels as itself (flags Raw); anything else as MessagePack (flags 1):
/// <c>tag: int | body</c>, where the tag names a type registered in <see cref="MessageTypes"/> (0 = null,
/// 7 = a cast wrapping another tagged value, 8 = a nested byte[]). Encoding goes into a per-thread
/// scratch buffer, so a steady-state send allocates nothing beyond what MessagePack itself needs.
/// </summary>
internal static class PayloadCodec
{
    public const int NullTag = 0;
    public const int CastTag = 7;
    public const int BytesTag = 8;
    private const int MaxNesting = 8;
    private const int ScratchKeptBytes = 1024 * 1024;

    // Small ints decode to shared boxes (boxes are immutable), so counters, sequence numbers and the like
    // arrive without an allocation per message.
    private static readonly object[] SmallInts = [.. Enumerable.Range(0, 1024).Select(i => (object)i)];

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>Encodes <paramref name="message"/>; the span is valid until the next Encode on this thread.</summary>
    public static ReadOnlySpan<byte> Encode(MessageTypes types, object? message, out FrameFlags flags)
    {
        if (message is byte[] bytes)
        {
            flags = FrameFlags.Raw;
            return bytes;
        }

        var scratch = t_scratch;
        if (scratch is null || scratch.Capacity > ScratchKeptBytes)
        {
            // One huge message must not pin its buffer on this thread forever.
            t_scratch = scratch = new ArrayBufferWriter<byte>(256);
        }

        scratch.ResetWrittenCount();
        var writer = new MessagePackWriter(scratch);
        WriteTagged(types, ref writer, message);
        writer.Flush();
        flags = FrameFlags.MessagePack;
        return scratch.WrittenSpan;
    }

    /// <summary>Decodes a payload from a peer; throws <see cref="MessagePackSerializationException"/> when it is not valid.</summary>
    public static object? Decode(MessageTypes types, in ReadOnlySequence<byte> body, FrameFlags flags)
    {
        if (flags == FrameFlags.Raw)
        {
            return body.ToArray();
        }

        var reader = new MessagePackReader(body);
        var value = ReadTagged(types, ref reader, 0);
        if (!reader.End)
        {
            throw new MessagePackSerializationException("trailing bytes after the message");
        }

        return value;
    }

    private static void WriteTagged(MessageTypes types, ref MessagePackWriter writer, object? message)
    {
        switch (message)
        {
            case null:
                writer.Write(NullTag);
                return;
            case CastMessage cast:
                writer.Write(CastTag);
                WriteTagged(types, ref writer, cast.Message);
                return;
            case byte[] bytes:
                writer.Write(BytesTag);
                writer.Write(bytes);
                return;
        }

        if (!types.TryGet(message.GetType(), out var entry))
        {
            ThrowUnregistered(message.GetType());
        }

        writer.Write(entry.Tag);
        entry.Serialize(ref writer, message, types.SerializerOptions);
    }

    private static object? ReadTagged(MessageTypes types, ref MessagePackReader reader, int depth)
    {
        var tag = reader.ReadInt32();
        switch (tag)
        {
            case NullTag:
                return null;
            case CastTag when depth < MaxNesting:
                return new CastMessage(ReadTagged(types, ref reader, depth + 1) ?? throw new MessagePackSerializationException("a cast of null"));
            case BytesTag:
                return reader.ReadBytes()?.ToArray() ?? throw new MessagePackSerializationException("a null byte array");
            case BuiltInTypes.Int32:
                var value = reader.ReadInt32();
                return (uint)value < (uint)SmallInts.Length ? SmallInts[value] : value;
        }

        if (!types.TryGet(tag, out var entry))
        {
            throw new MessagePackSerializationException($"unknown message tag {tag} (not registered in MessageTypes on this node)");
        }

        return entry.Deserialize(ref reader, types.SerializerOptions);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnregistered(Type type) =>
        throw new InvalidOperationException(
            $"{type.FullName} cannot be sent to another node: register it with ClusterNode.MessageTypes.Register<{type.Name}>(tag) " +
            "(a MessagePack contract type) on every node, or send byte[], a string or a primitive.");
}
