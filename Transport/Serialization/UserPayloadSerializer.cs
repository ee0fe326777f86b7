using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using MessagePack;
using MessagePack.Resolvers;

namespace DistSys.Transport.Serialization;

/// <summary>
/// MessagePack for user payloads, always with <see cref="MessagePackSecurity.UntrustedData"/> (bounded
/// depth, collision-resistant hashing) because the bytes come from another node. The resolver is
/// configurable; the default is the standard resolver. Thread-safe.
/// </summary>
public sealed class UserPayloadSerializer
{
    /// <summary>Serializer with the standard resolver.</summary>
    public static UserPayloadSerializer Default { get; } = new(StandardResolver.Instance);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    private const int ScratchKeptBytes = 64 * 1024;

    /// <summary>Uses <paramref name="resolver"/> with untrusted-data security.</summary>
    public UserPayloadSerializer(IFormatterResolver resolver)
        : this(MessagePackSerializerOptions.Standard.WithResolver(resolver))
    {
    }

    /// <summary>
    /// Uses <paramref name="options"/>, with its security forced to untrusted data and compression forced off:
    /// an LZ4 block declares its uncompressed size, which MessagePack allocates before checking it, so a
    /// 10-byte payload could make this node allocate 2 GB. Frames are bounded instead (<see cref="TransportLimits"/>).
    /// </summary>
    public UserPayloadSerializer(MessagePackSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.WithSecurity(MessagePackSecurity.UntrustedData).WithCompression(MessagePackCompression.None);
    }

    /// <summary>The effective options (always untrusted-data security, never compression).</summary>
    public MessagePackSerializerOptions Options { get; }

    /// <summary>Serializes <paramref name="value"/> straight into <paramref name="output"/>.</summary>
    public void Serialize<T>(IBufferWriter<byte> output, T value) => MessagePackSerializer.Serialize(output, value, Options);

    /// <summary>Deserializes a payload from a peer.</summary>
    /// <exception cref="ProtocolException">The bytes are not a valid <typeparamref name="T"/>.</exception>
    public T Deserialize<T>(in ReadOnlySequence<byte> payload)
    {
        var reader = new MessagePackReader(payload);
        T value;
        try
        {
            value = MessagePackSerializer.Deserialize<T>(ref reader, Options);
        }
        catch (MessagePackSerializationException ex)
        {
            throw new ProtocolException(ProtocolError.Malformed, "invalid MessagePack payload: " + ex.Message);
        }

        if (!reader.End)
        {
            ProtocolException.Throw(ProtocolError.Malformed, "trailing bytes after the MessagePack payload");
        }

        return value;
    }

    /// <summary>
    /// Writes a MessagePack user message as one frame. The value is serialized into a per-thread scratch
    /// buffer first — its length must be known before the header — so steady-state sends allocate nothing.
    /// </summary>
    public void WriteMessage<T>(IBufferWriter<byte> output, ulong target, ulong sender, ulong correlation, T value)
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        Serialize(scratch, value);
        UserMessage.Write(output, target, sender, correlation, FrameFlags.MessagePack, scratch.WrittenSpan);
        if (scratch.Capacity > ScratchKeptBytes)
        {
            // One huge message must not pin its buffer on this thread forever.
            t_scratch = null;
        }
    }

    /// <summary>Deserializes the body of a MessagePack user message.</summary>
    /// <exception cref="ProtocolException">The message is not MessagePack-encoded or not a valid <typeparamref name="T"/>.</exception>
    internal T ReadMessage<T>(in UserMessage message)
    {
        if (message.Encoding != FrameFlags.MessagePack)
        {
            ProtocolException.Throw(ProtocolError.UnexpectedFrame, "the user message is raw bytes, not MessagePack");
        }

        return Deserialize<T>(message.Body);
    }
}
