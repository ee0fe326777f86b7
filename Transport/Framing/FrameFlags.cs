namespace DistSys.Transport.Framing;

/// <summary>
/// Per-frame flags: the payload encoding, and one bit of an Exit frame. Every other bit is reserved and
/// must be 0 so that a future meaning cannot be silently ignored by an older peer.
/// </summary>
[Flags]
#pragma warning disable CA1008 // The zero value is a real encoding (raw bytes), named as the protocol names it.
public enum FrameFlags : byte
#pragma warning restore CA1008
{
    /// <summary>The payload is raw bytes (or a system message's own binary encoding).</summary>
    Raw = 0,

    /// <summary>The payload is a MessagePack-encoded user value.</summary>
    MessagePack = 1,

    /// <summary>On an Exit frame only: the exit travels along a link (clear: an exit/2 sent to the process).</summary>
    Linked = 2,
}
