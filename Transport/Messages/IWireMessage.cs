using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>A system message with its own binary encoding, carried in frames of one <see cref="FrameKind"/>.</summary>
public interface IWireMessage<TSelf> : IFramePayload
    where TSelf : struct, IWireMessage<TSelf>
{
    /// <summary>The frame kind that carries this message.</summary>
    static abstract FrameKind Kind { get; }

    /// <summary>Reads the message's fields (the caller checks that nothing trails them).</summary>
    static abstract TSelf Read(ref WireReader reader);
}
