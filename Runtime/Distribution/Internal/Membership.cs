using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// Membership: the master's numbered views (epochs), a worker's last applied view and the members it
/// lists, whether this node has joined, the join/rejoin bookkeeping and the node monitors. It owns its
/// state and its lock. Lock order across the distribution parts, outermost first:
/// <see cref="Membership"/> → <see cref="MeshDialer"/> → <see cref="PeerTable"/>; a part may call one to
/// its right while holding its own lock, never one to its left, and none raises events, sends frames or
/// notifies processes under a lock (the façade does that after the call returns). The listed view is a
/// snapshot replaced whole, so the peer table and the dialer read it without this lock.
/// </summary>
internal sealed class Membership(string selfName, int selfIncarnation, NodeRole role, PeerTable peers)
{
    private static readonly Dictionary<string, ListedMember> NoneListed = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private readonly List<Pid> _nodeMonitors = [];
    private ulong _epoch;
    private ulong _seenEpoch;
    private Dictionary<string, ListedMember> _listed = NoneListed;
    private TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _joinLoops;
    private bool _rejoining;

    /// <summary>Completes when the master's view lists this incarnation up; replaced by a new one when a rejoin starts.</summary>
    public TaskCompletionSource Joined => Volatile.Read(ref _joined);

    public bool IsJoined => Joined.Task.IsCompleted;

    /// <summary>Worker: how the master's latest view lists <paramref name="name"/>, if it does.</summary>
    public ListedMember? Listed(string name) => Volatile.Read(ref _listed).TryGetValue(name, out var listed) ? listed : null;

    /// <summary>Worker: the master's latest view reports that incarnation down or leaving.</summary>
    public bool ListedGone(string name, int incarnation) =>
        role == NodeRole.Worker && Listed(name) is { } listed && listed.Incarnation == incarnation
        && listed.Status is MemberStatus.Down or MemberStatus.Leaving;

    /// <summary>
    /// Worker: applies a view newer than the last one (false for an old one). The listed snapshot is
    /// published before the peers are updated, so a connection adopted meanwhile is either refused by it
    /// or marked down by the update that follows. Downs go to <paramref name="gone"/>.
    /// </summary>
    public bool ApplyView(MembershipUpdate view, List<(Peer Peer, NodeDownReason Reason)> gone)
    {
        lock (_gate)
        {
            if (view.Epoch <= _seenEpoch)
            {
                return false;
            }

            _seenEpoch = view.Epoch;
            var listed = new Dictionary<string, ListedMember>(StringComparer.Ordinal);
            foreach (var member in view.Members)
            {
                if (member.Name != selfName)
                {
                    listed[member.Name] = new ListedMember((int)(uint)member.Incarnation, member.Status);
                }
            }

            Volatile.Write(ref _listed, listed);
            foreach (var member in view.Members)
            {
                if (member.Name != selfName)
                {
                    peers.ApplyListed(member, gone);
                }
                else if ((int)(uint)member.Incarnation == selfIncarnation && member.Status == MemberStatus.Up)
                {
                    _joined.TrySetResult();
                }
            }

            return true;
        }
    }

    /// <summary>Master: the next epoch of the view, <paramref name="self"/> first.</summary>
    public MembershipUpdate NextView(MemberInfo self)
    {
        lock (_gate)
        {
            return new MembershipUpdate(++_epoch, peers.ViewMembers(self));
        }
    }

    public void EnterJoinLoop() => Interlocked.Increment(ref _joinLoops);

    public void ExitJoinLoop() => Interlocked.Decrement(ref _joinLoops);

    /// <summary>
    /// Worker: true (and a rejoin is now running, with a fresh <see cref="Joined"/>) when this node had
    /// joined, runs no join loop or rejoin, and has no live master; false otherwise.
    /// </summary>
    public bool TryBeginRejoin(bool stopping)
    {
        lock (_gate)
        {
            if (role == NodeRole.Master || stopping || _rejoining || !_joined.Task.IsCompleted || Volatile.Read(ref _joinLoops) != 0
                || peers.HasLiveMaster())
            {
                return false;
            }

            _rejoining = true;
            _seenEpoch = 0;
            Volatile.Write(ref _joined, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return true;
        }
    }

    public void EndRejoin()
    {
        lock (_gate)
        {
            _rejoining = false;
        }
    }

    /// <summary>Adds a node monitor, dropping those no longer alive.</summary>
    public void AddNodeMonitor(Pid watcher, Func<Pid, bool> isAlive)
    {
        lock (_gate)
        {
            _nodeMonitors.RemoveAll(p => !isAlive(p));
            _nodeMonitors.Add(watcher);
        }
    }

    public Pid[] NodeMonitors()
    {
        lock (_gate)
        {
            return [.. _nodeMonitors];
        }
    }
}

/// <summary>One member as the master's latest view lists it.</summary>
internal readonly record struct ListedMember(int Incarnation, MemberStatus Status);
