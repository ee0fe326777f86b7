namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// The cluster's global names, kept by one process on the master (the authority: one place decides, so
/// two nodes can never both win a name). It monitors every registered pid, so a name is released when
/// its process exits and — through the DOWN noconnection of node down — when its node dies.
/// </summary>
internal sealed class GlobalNameServer : Behaviour
{
    public const int MaxNameLength = 255;

    private readonly Dictionary<string, (Pid Pid, MonitorRef Ref)> _names = new(StringComparer.Ordinal);

    protected internal override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case CallRequest { Request: GlobalRequest request } call:
                call.Reply(Handle(context, request));
                break;
            case Down down:
                foreach (var (name, entry) in _names.Where(n => n.Value.Ref == down.Ref).ToList())
                {
                    _names.Remove(name);
                }

                break;
        }

        return default;
    }

    private object? Handle(ProcessContext context, GlobalRequest request)
    {
        switch (request.Op)
        {
            case GlobalOp.Register when request.Pid.IsNone || _names.ContainsKey(request.Name):
                return false;
            case GlobalOp.Register:
                _names[request.Name] = (request.Pid, context.Monitor(request.Pid));
                return true;
            case GlobalOp.Unregister when _names.Remove(request.Name, out var entry):
                context.Demonitor(entry.Ref);
                return true;
            case GlobalOp.Whereis when _names.TryGetValue(request.Name, out var entry):
                return entry.Pid;
            default:
                return request.Op == GlobalOp.Whereis ? null : false;
        }
    }
}
