namespace DistSys.Runtime.Distribution;

/// <summary>Remote spawn's public door; the protocol is <see cref="Internal.RemoteSpawns"/>'s.</summary>
public sealed partial class ClusterNode
{
    /// <summary>
    /// Spawns the behaviour registered as <paramref name="behaviour"/> on node <paramref name="node"/> with
    /// <paramref name="args"/> (MessagePack-serialized); when <paramref name="link"/> names a local process, the
    /// new process is linked to it. Fails with <see cref="RemoteSpawnException"/> (unknown node or behaviour,
    /// bad arguments, node down) or <see cref="TimeoutException"/>.
    /// </summary>
    public Task<Pid> SpawnAsync(string node, string behaviour, object? args, TimeSpan timeout, Pid link = default) =>
        _spawns.SpawnAsync(node, behaviour, args, timeout, link);

    /// <summary>
    /// Spawns like <see cref="SpawnAsync"/> and monitors the new process on behalf of <paramref name="watcher"/>
    /// (a local process): it receives one <see cref="Down"/> with the returned reference when the process
    /// exits, or with noconnection when its node goes down.
    /// </summary>
    public Task<(Pid Pid, MonitorRef Monitor)> SpawnMonitorAsync(string node, string behaviour, object? args, Pid watcher, TimeSpan timeout) =>
        _spawns.SpawnMonitorAsync(node, behaviour, args, watcher, timeout);
}
