using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// A process id that is meaningful on any node: the node's name, the process's local id, and the node
/// incarnation it was spawned in (so a pid from before a node restart is never confused with a new one).
/// Layout: <c>node: string | id: varint | incarnation: u64</c>.
/// </summary>
public readonly record struct WirePid
{
    public WirePid(string node, ulong id, ulong incarnation)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        Id = id;
        Incarnation = incarnation;
    }

    /// <summary>The node's name.</summary>
    public string Node { get; }

    /// <summary>The process's id, local to its node.</summary>
    public ulong Id { get; }

    /// <summary>Identifies one run of the node: a restarted node has a new incarnation.</summary>
    public ulong Incarnation { get; }

    /// <summary>Fewest bytes a pid can take (empty name, 1-byte id): bounds list counts.</summary>
    internal const int MinSize = 1 + 1 + sizeof(ulong);

    internal int Size => WireSize.Utf8String(Node) + WireSize.VarUInt64(Id) + sizeof(ulong);

    public override string ToString() => $"<{Node}.{Id}.{Incarnation}>";

    internal static WirePid Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadVarUInt64(), reader.ReadUInt64());

    internal void Write(ref WireWriter writer)
    {
        writer.WriteString(Node);
        writer.WriteVarUInt64(Id);
        writer.WriteUInt64(Incarnation);
    }
}
