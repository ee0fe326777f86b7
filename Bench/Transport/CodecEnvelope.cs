using MessagePack;

namespace DistSys.Bench.Transport;

/// <summary>
/// The baseline: the same envelope as the hand-written frame (kind, flags, target, sender, correlation,
/// payload) as a MessagePack-CSharp object, the way one would write it without a custom codec.
/// </summary>
[MessagePackObject]
public sealed class CodecEnvelope
{
    [Key(0)]
    public byte Kind { get; set; }

    [Key(1)]
    public byte Flags { get; set; }

    [Key(2)]
    public ulong Target { get; set; }

    [Key(3)]
    public ulong Sender { get; set; }

    [Key(4)]
    public ulong Correlation { get; set; }

    [Key(5)]
#pragma warning disable CA1819 // A byte[] payload is exactly what a naive envelope carries.
    public byte[] Payload { get; set; } = [];
#pragma warning restore CA1819
}
