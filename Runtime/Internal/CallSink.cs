namespace DistSys.Runtime.Internal;

/// <summary>
/// The caller's side of a Call: completed by the reply, or failed by a DOWN from the monitor on
/// the target (its exit reason), whichever comes first.
/// </summary>
internal sealed class CallSink(Pid target) : TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously), IReplySink, IDownHandler
{
    public void Reply(object? value) => TrySetResult(value);

    public void OnDown(MonitorRef reference, Pid pid, ExitReason reason) =>
        TrySetException(new CallException(target, reason));
}
