using System.Buffers;
using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Asks the peer to spawn a process running the named behaviour with MessagePack-encoded arguments; the
/// reply carries the frame's correlation id. Layout: <c>requester: pid | behaviour: string | options: u8 | args: bytes</c>.
/// When decoded, <see cref="Args"/> points into the frame's buffer: copy it before the reader advances.
/// </summary>
public readonly struct SpawnRequest : IWireMessage<SpawnRequest>
{
    public SpawnRequest(WirePid requester, string behaviour, SpawnFlags options, ReadOnlySequence<byte> args)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        Requester = requester;
        Behaviour = behaviour;
        Options = options;
        Args = args;
    }

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.SpawnRequest;

    /// <summary>The process asking for the spawn.</summary>
    public WirePid Requester { get; }

    /// <summary>Name of the behaviour the new process runs.</summary>
    public string Behaviour { get; }

    /// <summary>Link and/or monitor the new process.</summary>
    public SpawnFlags Options { get; }

    /// <summary>The behaviour's arguments, MessagePack-encoded.</summary>
    public ReadOnlySequence<byte> Args { get; }

    /// <inheritdoc/>
    public int PayloadLength => Requester.Size + WireSize.Utf8String(Behaviour) + 1 + WireSize.Bytes(checked((int)Args.Length));

    /// <inheritdoc/>
    public static SpawnRequest Read(ref WireReader reader)
    {
        var requester = WirePid.Read(ref reader);
        var behaviour = reader.ReadString();
        var options = (SpawnFlags)reader.ReadByte();
        if ((options & ~(SpawnFlags.Link | SpawnFlags.Monitor)) != 0)
        {
            WireThrow.Malformed($"unknown spawn options 0x{(byte)options:X2}");
        }

        return new SpawnRequest(requester, behaviour, options, reader.ReadBytes(int.MaxValue));
    }

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        Requester.Write(ref writer);
        writer.WriteString(Behaviour);
        writer.WriteByte((byte)Options);
        writer.WriteVarUInt64((ulong)Args.Length);
        foreach (var segment in Args)
        {
            writer.WriteRaw(segment.Span);
        }
    }
}
