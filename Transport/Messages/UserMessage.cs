using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Messages;

/// <summary>
/// The user-message envelope. It is the frame itself — kind <see cref="FrameKind.Message"/>, the target,
/// sender and correlation of the header, and a body that is raw bytes or MessagePack as the flags say —
/// so encoding and decoding it costs a 32-byte header and no reflection.
/// When decoded, <see cref="Body"/> points into the connection's buffer: use it before the reader advances.
/// </summary>
internal readonly struct UserMessage
{
    public UserMessage(ulong target, ulong sender, ulong correlation, FrameFlags encoding, ReadOnlySequence<byte> body)
    {
        Target = target;
        Sender = sender;
        Correlation = correlation;
        Encoding = encoding;
        Body = body;
    }

    /// <summary>Local process id of the receiver on the receiving node.</summary>
    public ulong Target { get; }

    /// <summary>Local process id of the sender on the sending node.</summary>
    public ulong Sender { get; }

    /// <summary>Request/reply id (0 = none).</summary>
    public ulong Correlation { get; }

    /// <summary><see cref="FrameFlags.Raw"/> or <see cref="FrameFlags.MessagePack"/>.</summary>
    public FrameFlags Encoding { get; }

    /// <summary>The payload bytes.</summary>
    public ReadOnlySequence<byte> Body { get; }

    /// <summary>The envelope carried by <paramref name="frame"/>.</summary>
    /// <exception cref="ProtocolException">The frame is not a user message.</exception>
    public static UserMessage FromFrame(in Frame frame)
    {
        var header = frame.Header;
        if (header.Kind != FrameKind.Message)
        {
            ThrowNotUserMessage(header.Kind);
        }

        return new UserMessage(header.Target, header.Sender, header.Correlation, header.Flags, frame.Payload);
    }

    /// <summary>Writes a user message whose body is already encoded (raw bytes, or MessagePack bytes with that flag).</summary>
    public static void Write(IBufferWriter<byte> output, ulong target, ulong sender, ulong correlation, FrameFlags encoding, ReadOnlySpan<byte> body) =>
        FrameWriter.Write(output, new FrameHeader(FrameKind.Message, encoding, target, sender, correlation), body);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotUserMessage(FrameKind kind) =>
        ProtocolException.Throw(ProtocolError.UnexpectedFrame, $"expected a Message frame, got {kind}");
}
