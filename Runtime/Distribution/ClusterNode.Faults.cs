using DistSys.Transport.Connections;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Named fault injection points for tests: they make this node act exactly as its own failure detector or
/// a broken socket would, so the healing paths can be driven deterministically instead of by load.
/// </summary>
public sealed partial class ClusterNode
{
    /// <summary>
    /// Closes this node's connection to <paramref name="member"/> with <paramref name="reason"/>
    /// (<see cref="CloseReason.Timeout"/> plays a false "down" from the heartbeat detector); false when
    /// there is no open connection to it.
    /// </summary>
    internal bool InjectConnectionLoss(string member, CloseReason reason)
    {
        if (_peers.Named(member)?.Connection is not { CloseReason: CloseReason.None } connection)
        {
            return false;
        }

        connection.Shutdown(reason);
        return true;
    }
}
