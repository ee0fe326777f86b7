using DistSys.Runtime.Distribution.Internal;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Spawn with a monitor (Erlang's spawn_monitor): the watcher's side of the monitor is recorded before the
/// request leaves, and the new process is monitored on its node as soon as the reply is queued (a process
/// already gone answers DOWN noproc), so its death always reaches the watcher. The monitor reference travels as the request's correlation id
/// (bit 62 set, which plain request ids never reach).
/// </summary>
public sealed partial class ClusterNode
{
    /// <summary>
    /// Spawns like <see cref="SpawnAsync"/> and monitors the new process on behalf of <paramref name="watcher"/>
    /// (a local process): it receives one <see cref="Down"/> with the returned reference when the process
    /// exits, or with noconnection when its node goes down.
    /// </summary>
    public async Task<(Pid Pid, MonitorRef Monitor)> SpawnMonitorAsync(string node, string behaviour, object? args, Pid watcher, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentException.ThrowIfNullOrEmpty(behaviour);
        if (!Runtime.IsAlive(watcher))
        {
            throw new ArgumentException($"the watcher {watcher} is not a live local process", nameof(watcher));
        }

        var encoded = EncodeArgs(args);
        var reference = Runtime.NewMonitorRef();
        if (node == Name)
        {
            Watch(watcher, reference, Pid.None, replace: false);
            var local = SpawnLocally(behaviour, encoded, Pid.None, (watcher, reference));
            Watch(watcher, reference, local, replace: true);
            return (local, reference);
        }

        var peer = SpawnTarget(node, behaviour);

        // Until the reply names the process, the monitor points at its node, so node down still fires it.
        Watch(watcher, reference, new Pid(peer.NodeId, peer.Incarnation, 0), replace: false);
        var id = _requests.AddMonitored(reference, new PendingTask(peer.NodeId));
        try
        {
            var pid = await SpawnRemotelyAsync(peer, behaviour, encoded, ToWire(watcher), Transport.Messages.SpawnOptions.Monitor, id, timeout).ConfigureAwait(false);
            Watch(watcher, reference, pid, replace: true);
            return (pid, reference);
        }
        catch
        {
            Unwatch(watcher, reference);
            throw;
        }
    }

    /// <summary>Records the watcher's side of a monitor in the watcher's own turn (its state is only ever touched there).</summary>
    private void Watch(Pid watcher, MonitorRef reference, Pid target, bool replace)
    {
        var process = Runtime.Table.Find(watcher.Id);
        process?.Post(
            _ =>
            {
                var watching = process.Extras.WatchingMap;
                if (replace && !watching.ContainsKey(reference))
                {
                    return; // a DOWN already delivered removed it: nothing is left to point
                }

                watching[reference] = target;

                // Node down may have looked at this process before this entry existed: answer for it then.
                Interlocked.MemoryBarrier();
                if (!target.IsNone && !TryPeerOf(target, out Peer _) && watching.Remove(reference))
                {
                    process.ForceEnqueue(new Down(reference, target, ExitReason.NoConnection));
                }
            },
            null);
    }

    private void Unwatch(Pid watcher, MonitorRef reference)
    {
        var process = Runtime.Table.Find(watcher.Id);
        process?.Post(_ => process.ExtrasOrNull?.Watching?.Remove(reference), null);
    }
}
