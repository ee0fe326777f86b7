namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// The global name registry's client and the master's door to it: names live in one
/// <see cref="GlobalNameServer"/> process on the master; every node asks it (a request to the master node;
/// the master calls its server). Resolving needs the master to be up; names die with the process that
/// holds them or with its node. It owns the server's pid and no lock.
/// </summary>
internal sealed class GlobalNames(string nodeName, NodeRole role, ProcessRuntime runtime, PeerTable peers, RemoteRequests requests, TimeSpan requestTimeout)
{
    private Pid _server;

    /// <summary>Master: starts the name server process.</summary>
    public void Start() => _server = runtime.Spawn(new GlobalNameServer());

    public Task<object?> AskAsync(GlobalRequest request)
    {
        if (role == NodeRole.Master)
        {
            return runtime.CallAsync<object?>(_server, request, requestTimeout);
        }

        return peers.ConnectedMaster() is { } master
            ? requests.RequestAsync(master, request)
            : throw new InvalidOperationException($"Node '{nodeName}' is not connected to a master: global names live on the master.");
    }

    /// <summary>A node-level request from <paramref name="peer"/>: the master serves global names; anything else is refused.</summary>
    public void OnNodeRequest(Peer peer, ulong correlation, object? request)
    {
        if (role == NodeRole.Master && request is GlobalRequest global && global.Name.Length is > 0 and <= GlobalNameServer.MaxNameLength
            && (global.Op != GlobalOp.Register || global.Pid.Node == peer.NodeId))
        {
            _ = AnswerAsync(peer, correlation, global);
        }
        else
        {
            requests.SendReply(peer, correlation, new CallFault($"node '{nodeName}' does not serve {request?.GetType().Name ?? "null"} requests"));
        }
    }

    private async Task AnswerAsync(Peer peer, ulong correlation, GlobalRequest request)
    {
        object? answer;
        try
        {
            answer = await runtime.CallAsync<object?>(_server, request, requestTimeout).ConfigureAwait(false);
        }
        catch (CallException ex)
        {
            answer = CallFault.From(ex.Reason);
        }

        requests.SendReply(peer, correlation, answer);
    }

    public static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, GlobalNameServer.MaxNameLength, nameof(name));
        return name;
    }
}
