using DistSys.Runtime.Distribution.Internal;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// The global name registry's public door; the registry is <see cref="GlobalNames"/>. The table lives on
/// the master, so a worker remembers the names its processes hold and registers them again with the
/// master it rejoins (a restarted master, or a standby that took over: docs/ha.md).
/// </summary>
public sealed partial class ClusterNode
{
    /// <summary>Registers <paramref name="name"/> cluster-wide for <paramref name="pid"/>; false when the name is taken. Released when the process or its node dies.</summary>
    public async Task<bool> RegisterGlobalAsync(string name, Pid pid)
    {
        var registered = await _globals.AskAsync(new GlobalRequest(GlobalOp.Register, GlobalNames.CheckName(name), pid)).ConfigureAwait(false) is true;
        if (registered && Role == NodeRole.Worker && Runtime.IsLocal(pid))
        {
            _ownGlobals[name] = pid;
        }

        return registered;
    }

    /// <summary>Removes a global name; false when it was not registered.</summary>
    public async Task<bool> UnregisterGlobalAsync(string name)
    {
        _ownGlobals.TryRemove(name, out _);
        return await _globals.AskAsync(new GlobalRequest(GlobalOp.Unregister, GlobalNames.CheckName(name), Pid.None)).ConfigureAwait(false) is true;
    }

    /// <summary>After a rejoin: the names of this node's live processes, registered again (a name another node took meanwhile stays theirs).</summary>
    private async Task ReregisterGlobalsAsync()
    {
        foreach (var (name, pid) in _ownGlobals)
        {
            try
            {
                if (!Runtime.IsAlive(pid) || !await RegisterGlobalAsync(name, pid).ConfigureAwait(false))
                {
                    _ownGlobals.TryRemove(KeyValuePair.Create(name, pid));
                }
            }
            catch (Exception ex) when (ex is CallException or TimeoutException or InvalidOperationException)
            {
                // The master went away again: the next rejoin tries once more.
                DistributionLog.GlobalNotReregistered(_logger, name, ex.Message);
            }
        }
    }

    /// <summary>The pid registered cluster-wide as <paramref name="name"/>, or null.</summary>
    public async Task<Pid?> WhereisGlobalAsync(string name) =>
        await _globals.AskAsync(new GlobalRequest(GlobalOp.Whereis, GlobalNames.CheckName(name), Pid.None)).ConfigureAwait(false) is Pid pid ? pid : null;
}
