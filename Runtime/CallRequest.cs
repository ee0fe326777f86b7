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

    public override string ToString() => $"call {Request}";
}
