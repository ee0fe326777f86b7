using DistSys.Runtime.Distribution.Internal;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// The global name registry: names live in one <see cref="GlobalNameServer"/> process on the master;
/// every node asks it (a request to the master node; the master calls its server). Resolving needs the
/// master to be up; names die with the process that holds them or with its node.
/// </summary>
public sealed partial class ClusterNode
{
    private Pid _globalServer;

    /// <summary>Registers <paramref name="name"/> cluster-wide for <paramref name="pid"/>; false when the name is taken. Released when the process or its node dies.</summary>
    public async Task<bool> RegisterGlobalAsync(string name, Pid pid) =>
        await GlobalAsync(new GlobalRequest(GlobalOp.Register, CheckName(name), pid)).ConfigureAwait(false) is true;

    /// <summary>Removes a global name; false when it was not registered.</summary>
    public async Task<bool> UnregisterGlobalAsync(string name) =>
        await GlobalAsync(new GlobalRequest(GlobalOp.Unregister, CheckName(name), Pid.None)).ConfigureAwait(false) is true;

    /// <summary>The pid registered cluster-wide as <paramref name="name"/>, or null.</summary>
    public async Task<Pid?> WhereisGlobalAsync(string name) =>
        await GlobalAsync(new GlobalRequest(GlobalOp.Whereis, CheckName(name), Pid.None)).ConfigureAwait(false) is Pid pid ? pid : null;

    private void StartGlobalNameServer() => _globalServer = Runtime.Spawn(new GlobalNameServer());

    private Task<object?> GlobalAsync(GlobalRequest request)
    {
        if (Role == NodeRole.Master)
        {
            return Runtime.CallAsync<object?>(_globalServer, request, _options.RequestTimeout);
        }

        Peer? master;
        lock (_gate)
        {
            master = _peersByName.Values.FirstOrDefault(p => p.Role == NodeRole.Master && !p.IsGone && p.Connection is not null);
        }

        return master is null
            ? throw new InvalidOperationException($"Node '{Name}' is not connected to a master: global names live on the master.")
            : RequestAsync(master, request);
    }

    private void OnNodeRequest(Peer peer, ulong correlation, object? request)
    {
        if (Role == NodeRole.Master && request is GlobalRequest global && global.Name.Length is > 0 and <= GlobalNameServer.MaxNameLength
            && (global.Op != GlobalOp.Register || global.Pid.Node == peer.NodeId))
        {
            _ = AnswerGlobalAsync(peer, correlation, global);
        }
        else
        {
            SendReply(peer, correlation, new CallFault($"node '{Name}' does not serve {request?.GetType().Name ?? "null"} requests"));
        }
    }

    private async Task AnswerGlobalAsync(Peer peer, ulong correlation, GlobalRequest request)
    {
        object? answer;
        try
        {
            answer = await Runtime.CallAsync<object?>(_globalServer, request, _options.RequestTimeout).ConfigureAwait(false);
        }
        catch (CallException ex)
        {
            answer = CallFault.From(ex.Reason);
        }

        SendReply(peer, correlation, answer);
    }

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, GlobalNameServer.MaxNameLength, nameof(name));
        return name;
    }
}
