using DistSys.Runtime;

namespace DistSys.Supervision.Tests.Support;

/// <summary>A process that monitors one target and completes with the target's exit reason.</summary>
internal sealed class ExitWatcher : Behaviour
{
    private readonly TaskCompletionSource<ExitReason> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Pid _target;

    private ExitWatcher(Pid target) => _target = target;

    /// <summary>Completes with <paramref name="target"/>'s exit reason (noproc if it is already dead).</summary>
    public static async Task<ExitReason> WatchAsync(ProcessRuntime runtime, Pid target)
    {
        var watcher = new ExitWatcher(target);
        await runtime.StartAsync(watcher);
        return await watcher._exited.Task.WaitAsync(Await.Limit);
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
