namespace DistSys.Runtime.Distribution.Internal;

/// <summary>A request sent to another node, waiting for the reply frame with its correlation id.</summary>
internal abstract class PendingRequest(int node)
{
    /// <summary>The node the answer must come from; its death fails the request with noconnection.</summary>
    public int Node { get; } = node;

    public abstract void Complete(object? value);

    public abstract void Fail(ExitReason reason);
}

/// <summary>A remote CallAsync: the reply (or a <see cref="CallFault"/>) goes to the caller's <see cref="CallRequest"/>.</summary>
internal sealed class PendingCall(int node, CallRequest call, Pid target) : PendingRequest(node)
{
    public CallRequest Call { get; } = call;

    public override void Complete(object? value)
    {
        if (value is CallFault fault)
        {
            Fail(fault.ToExitReason());
        }
        else
        {
            Call.Reply(value);
        }
    }

    public override void Fail(ExitReason reason) => Call.Fail(target, reason);
}

/// <summary>A node-level request (global registry, spawn) awaited by the node's own code.</summary>
internal sealed class PendingTask(int node) : PendingRequest(node)
{
    private readonly TaskCompletionSource<object?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object?> Task => _result.Task;

    public override void Complete(object? value) => _result.TrySetResult(value);

    public override void Fail(ExitReason reason) => _result.TrySetException(new CallException(default, reason));
}
