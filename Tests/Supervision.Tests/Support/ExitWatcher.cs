using DistSys.Runtime;

namespace DistSys.Supervision.Tests.Support;

/// <summary>A process that monitors one target and completes with the target's exit reason.</summary>
internal sealed class ExitWatcher : Behaviour
{
    private readonly TaskCompletionSource<ExitReason> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Pid _target;

    private ExitWatcher(Pid target) => _target = target;

    /// <summary>
    /// Completes once <paramref name="target"/> is monitored, with a task of its exit reason
    /// (noproc if it was already dead).
    /// </summary>
    public static async Task<Task<ExitReason>> StartAsync(ProcessRuntime runtime, Pid target)
    {
        var watcher = new ExitWatcher(target);
        await runtime.StartAsync(watcher);
        return watcher._exited.Task.WaitAsync(Eventually.Liveness);
    }

    protected override ValueTask InitAsync(ProcessContext context)
    {
        context.Monitor(_target);
        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        if (message is Down down)
        {
            _exited.TrySetResult(down.Reason);
            context.Stop();
        }

        return default;
    }
}
