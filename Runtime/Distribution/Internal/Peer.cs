using System.Buffers;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// One incarnation of another node, as this node sees it: its address, state and the one connection
/// kept to it. A restart of that node is a new <see cref="Peer"/>, so nothing meant for the old
/// incarnation ever reaches the new one. Sends take the connection's lock-free queue; while there is
/// no connection yet, or the queue is full, frames wait in order in a bounded backlog (Peer.Backlog.cs).
/// The peer owns its state: its address is one immutable <see cref="PeerAddress"/> swapped whole, its
/// state and departure flag are single volatile words, so no caller needs a lock to read or change them.
/// </summary>
internal sealed partial class Peer(string name, int nodeId, int incarnation, long backlogLimitBytes, ClusterCounters counters)
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_systemScratch;

    private Connection? _connection;
    private int _state = (int)MemberState.Joining;
    private long _framesSeen = -1;
    private PeerAddress _address = PeerAddress.Unknown;
    private int _leaveAnnounced;
    private readonly TaskCompletionSource _introduced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public int NodeId { get; } = nodeId;

    public int Incarnation { get; } = incarnation;

    /// <summary>Where it listens and what it is, as it introduced itself (or as the master's view listed it).</summary>
    public PeerAddress Address
    {
        get => Volatile.Read(ref _address);
        set => Volatile.Write(ref _address, value);
    }

    public string Host => Address.Host;

    public int Port => Address.Port;

    public NodeRole Role => Address.Role;

    /// <summary>Set when the peer announced a graceful departure: its disconnect is then not a failure.</summary>
    public bool LeaveAnnounced => Volatile.Read(ref _leaveAnnounced) != 0;

    /// <summary>The peer said it is leaving (or the master's view did): draining, and its close will be a departure.</summary>
    public void AnnounceLeave()
    {
        Volatile.Write(ref _leaveAnnounced, 1);
        State = MemberState.Leaving;
    }

    public DateTimeOffset? LastHeard { get; private set; }

    /// <summary>Completes when the peer has told its address and role (its first frame).</summary>
    public Task Introduced => _introduced.Task;

    /// <summary>When this incarnation introduced itself (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): on the master, its join; older members win a partition tie.</summary>
    public long IntroducedAt { get; private set; }

    public void MarkIntroduced()
    {
        if (_introduced.TrySetResult())
        {
            IntroducedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }

    public Connection? Connection => Volatile.Read(ref _connection);

    public MemberState State
    {
        get => (MemberState)Volatile.Read(ref _state);
        set => Volatile.Write(ref _state, (int)value);
    }

    public bool IsGone => State is MemberState.Down or MemberState.Left;

    /// <summary>Queues a frame; false when it was dropped (peer gone, or the backlog is full).</summary>
    public bool Send(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is not null && Volatile.Read(ref _backlogCount) == 0)
        {
            switch (connection.TrySend(header, payload))
            {
                case SendResult.Queued:
                    return true;
                case SendResult.Closed or SendResult.TooLarge:
                    return false;
            }
        }

        return Backlog(header, payload);
    }

    /// <summary>Encodes a system message into per-thread scratch and queues it (signals are not the hot path).</summary>
    public bool SendSystem<T>(in T message, ulong target = 0, ulong correlation = 0, FrameFlags flags = FrameFlags.Raw)
        where T : struct, IWireMessage<T>
    {
        var scratch = t_systemScratch ??= new ArrayBufferWriter<byte>(256);
        scratch.ResetWrittenCount();
        SystemMessage.Write(scratch, message, target, 0, correlation, flags);
        var frame = scratch.WrittenSpan;
        var sent = Send(FrameHeader.Read(frame), frame[FrameHeader.Size..]);
        if (scratch.Capacity > 64 * 1024)
        {
            t_systemScratch = null;
        }

        return sent;
    }

    /// <summary>Makes <paramref name="connection"/> the peer's connection and sends what waited for it.</summary>
    public void Attach(Connection connection)
    {
        lock (_backlog)
        {
            Volatile.Write(ref _connection, connection);
            State = MemberState.Up;
            StartDrainIfNeeded();
        }
    }

    /// <summary>Marks the peer gone, drops its backlog and closes its connection with <paramref name="reason"/>.</summary>
    public void Close(MemberState state, CloseReason reason)
    {
        lock (_backlog)
        {
            State = state;
            _backlog.Clear();
            _backlogBytes = 0;
            Volatile.Write(ref _backlogCount, 0);
        }

        Connection?.Shutdown(reason);
    }

    /// <summary>Records the time of the last sign of life (called on the node's heartbeat tick).</summary>
    public void Sample(DateTimeOffset now)
    {
        if (Connection is { } connection && connection.FramesReceived != _framesSeen)
        {
            _framesSeen = connection.FramesReceived;
            LastHeard = now;
        }
    }

    public MemberSnapshot Snapshot() => new(Name, NodeId, Host, Port, Incarnation, State, Role, LastHeard);

    public override string ToString() => $"{Name}#{Incarnation}";
}
