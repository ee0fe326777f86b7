namespace DistSys.Runtime;

/// <summary>
/// The address of one process: the node it lives on, that node's incarnation, and a local id.
/// Equal pids mean the same process. The local id packs a table slot with the slot's generation,
/// so a pid of a dead process never reaches the process that later reuses its slot; the
/// incarnation keeps a pid minted before a node restarted from reaching the new node's processes.
/// </summary>
public readonly struct Pid : IEquatable<Pid>
{
    /// <summary>Creates a pid from its three parts (used by the distribution layer when decoding).</summary>
    public Pid(int node, int incarnation, long id)
    {
        Node = node;
        Incarnation = incarnation;
        Id = id;
    }

    /// <summary>The pid that names no process (<c>default</c>).</summary>
    public static Pid None => default;

    /// <summary>The node index the process lives on.</summary>
    public int Node { get; }

    /// <summary>The incarnation of that node when the process was spawned.</summary>
    public int Incarnation { get; }

    /// <summary>The local id: generation in the high 32 bits, table slot in the low 32 bits.</summary>
    public long Id { get; }

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => Id == 0;

    internal int Slot => (int)(Id & 0xFFFF_FFFF);

    internal int Generation => (int)(Id >>> 32);

    internal static long MakeId(int slot, int generation) => ((long)generation << 32) | (uint)slot;

    public bool Equals(Pid other) => Id == other.Id && Node == other.Node && Incarnation == other.Incarnation;

    public override bool Equals(object? obj) => obj is Pid other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Node, Incarnation, Id);

    /// <summary>Erlang's notation: <c>&lt;node.slot.generation&gt;</c>.</summary>
    public override string ToString() => $"<{Node}.{Slot}.{Generation}>";

    public static bool operator ==(Pid left, Pid right) => left.Equals(right);

    public static bool operator !=(Pid left, Pid right) => !left.Equals(right);
}
