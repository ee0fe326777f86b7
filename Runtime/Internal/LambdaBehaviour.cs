namespace DistSys.Runtime.Internal;

/// <summary>A process whose code is one async delegate.</summary>
internal sealed class LambdaBehaviour(Func<ProcessContext, object, ValueTask> handler) : Behaviour
{
    protected internal override ValueTask ReceiveAsync(ProcessContext context, object message) => handler(context, message);
}

/// <summary>A process whose code is one synchronous delegate.</summary>
internal sealed class SyncLambdaBehaviour(Action<ProcessContext, object> handler) : Behaviour
{
    protected internal override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        handler(context, message);
        return default;
    }
}
