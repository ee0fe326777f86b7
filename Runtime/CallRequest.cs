using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>
/// A request made with Call, delivered to the target as a message. <see cref="GenServer"/> answers
/// it for you; a plain behaviour answers with <see cref="Reply"/>. Only the first reply counts, and
/// a reply after the caller gave up is dropped.
/// </summary>
public sealed class CallRequest
{
    private readonly IReplySink _sink;

    internal CallRequest(object request, IReplySink sink)
    {
        Request = request;
        _sink = sink;
    }

    /// <summary>What the caller asked.</summary>
    public object Request { get; }

    /// <summary>Sends the answer back to the caller.</summary>
    public void Reply(object? value) => _sink.Reply(value);

    /// <summary>Completes when the caller stops waiting (reply, failure or timeout); null when nobody local waits.</summary>
    internal Task? Completion => (_sink as CallSink)?.Task;

    /// <summary>Fails the call with <paramref name="reason"/> (the distribution layer: the target's node is down, or it died).</summary>
    internal void Fail(Pid target, ExitReason reason)
    {
        if (_sink is IDownHandler handler)
        {
            handler.OnDown(default, target, reason);
        }
    }

    public override string ToString() => $"call {Request}";
}
