using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>Encodes system messages as whole frames and decodes them from frames, strictly.</summary>
public static class SystemMessage
{
    /// <summary>
    /// Writes <paramref name="message"/> as one frame straight into <paramref name="output"/>; the flags are
    /// Raw, or <see cref="FrameFlags.Linked"/> for an exit along a link.
    /// </summary>
    public static void Write<T>(IBufferWriter<byte> output, in T message, ulong target = 0, ulong sender = 0, ulong correlation = 0, FrameFlags flags = FrameFlags.Raw)
        where T : struct, IWireMessage<T> =>
        FrameWriter.Write(output, new FrameHeader(T.Kind, flags, target, sender, correlation), message);

    /// <summary>Decodes the frame's payload as a <typeparamref name="T"/>, requiring every byte to be used.</summary>
    /// <exception cref="ProtocolException">Wrong kind or flags, or a malformed payload.</exception>
    public static T Read<T>(in Frame frame, TransportLimits limits)
        where T : struct, IWireMessage<T>
    {
        if (frame.Header.Kind != T.Kind)
        {
            ThrowUnexpected(T.Kind, frame.Header.Kind);
        }

        // The header check already allows Linked on an Exit only.
        if ((frame.Header.Flags & ~FrameFlags.Linked) != FrameFlags.Raw)
        {
            ProtocolException.Throw(ProtocolError.UnknownFlags, "system messages have their own encoding: flags must be 0");
        }

        if (frame.Header.Status != 0)
        {
            ProtocolException.Throw(ProtocolError.Malformed, "system messages carry no status");
        }

        var reader = new WireReader(frame.Payload, limits);
        var message = T.Read(ref reader);
        reader.EnsureEnd();
        return message;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnexpected(FrameKind expected, FrameKind actual) =>
        ProtocolException.Throw(ProtocolError.UnexpectedFrame, $"expected a {expected} frame, got {actual}");
}
