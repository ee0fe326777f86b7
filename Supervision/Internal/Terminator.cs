using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>
/// Waits, for a supervisor, until children it sent shutdown to are dead, and kills whoever is
/// still alive when the timeout fires. It is its own process because the supervisor, waiting
/// inside a handler, cannot receive the DOWN messages itself.
/// </summary>
internal sealed class Terminator(Pid[] children, ShutdownPolicy policy) : Behaviour
{
    private static readonly object Deadline = new();

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<Pid> _pending = [.. children];
    private TimerRef _deadline;

    /// <summary>Completes once every one of <paramref name="children"/> is dead.</summary>
    public static Task AwaitExitsAsync(ProcessRuntime runtime, Pid[] children, ShutdownPolicy policy)
    {
        if (children.Length == 0)
        {
            return Task.CompletedTask;
        }

        var terminator = new Terminator(children, policy);
        runtime.Spawn(terminator);
        return terminator._done.Task;
    }

    protected override ValueTask InitAsync(ProcessContext context)
    {
        // A child already dead answers the monitor with noproc at once, so none is missed.
        foreach (var child in children)
        {
            context.Monitor(child);
        }

        if (policy.Kind == ShutdownKind.Timeout)
        {
            _deadline = context.SendAfter(Deadline, policy.Timeout);
        }

        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        if (message is Down down && _pending.Remove(down.Pid) && _pending.Count == 0)
        {
            ProcessRuntime.CancelTimer(_deadline);
            context.Stop();
        }
        else if (message == Deadline)
        {
            foreach (var pid in _pending)
            {
                context.Exit(pid, ExitReason.Kill);
            }
        }

        return default;
    }

    protected override void Terminate(ProcessContext context, ExitReason reason) => _done.TrySetResult();
}
