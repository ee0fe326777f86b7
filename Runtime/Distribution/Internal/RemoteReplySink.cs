using DistSys.Runtime.Internal;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// The callee's side of a call from another node: the local target's reply, or its death (seen through a
/// monitor, as a local call sees it), goes back once as a reply frame with the caller's correlation id.
/// </summary>
internal sealed class RemoteReplySink(RemoteRequests requests, Peer caller, ulong correlation) : IReplySink, IDownHandler
{
    private int _answered;

    public Pid Target { get; set; }

    public MonitorRef Monitor { get; set; }

    public void Reply(object? value)
    {
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            requests.EndCall(Target, Monitor);
            requests.SendReply(caller, correlation, value);
        }
    }

    public void OnDown(MonitorRef reference, Pid target, ExitReason reason)
    {
        if (Interlocked.Exchange(ref _answered, 1) == 0)
        {
            requests.SendReply(caller, correlation, CallFault.From(reason));
        }
    }
}
