using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>
/// Stops children for a supervisor, step by step: monitor, send shutdown (or kill), and kill
/// whoever is still alive when the step's timeout fires. It is its own process because the
/// supervisor, waiting inside a handler, cannot receive the DOWN messages itself.
/// </summary>
internal sealed class Terminator(IReadOnlyList<ShutdownStep> steps) : Behaviour
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<Pid> _pending = [];
    private int _step = -1;
    private TimerRef _deadline;

    /// <summary>Completes once every child of every step is dead.</summary>
    public Task Done => _done.Task;

    /// <summary>Stops the children of <paramref name="steps"/> and completes when all are dead.</summary>
    public static Task RunAsync(ProcessRuntime runtime, IReadOnlyList<ShutdownStep> steps)
    {
        if (steps.Count == 0)
        {
            return Task.CompletedTask;
        }

        var terminator = new Terminator(steps);
        runtime.Spawn(terminator);
        return terminator.Done;
    }

    protected override ValueTask InitAsync(ProcessContext context)
    {
        Advance(context);
        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case Down down when _pending.Remove(down.Pid) && _pending.Count == 0:
                ProcessRuntime.CancelTimer(_deadline);
                Advance(context);
                break;
            case StepDeadline deadline when deadline.Step == _step:
                foreach (var pid in _pending)
                {
                    context.Exit(pid, ExitReason.Kill);
                }

                break;
        }

        return default;
    }

    protected override void Terminate(ProcessContext context, ExitReason reason) => _done.TrySetResult();

    private void Advance(ProcessContext context)
    {
        while (++_step < steps.Count)
        {
            var step = steps[_step];
            var kill = step.Policy.Kind == ShutdownKind.BrutalKill;
            foreach (var pid in step.Pids)
            {
                // Monitor first: the DOWN then reports this exit even if the child dies at once.
                context.Monitor(pid);
                context.Exit(pid, kill ? ExitReason.Kill : ExitReason.Shutdown);
                _pending.Add(pid);
            }

            if (_pending.Count > 0)
            {
                if (step.Policy.Kind == ShutdownKind.Timeout)
                {
                    _deadline = context.SendAfter(new StepDeadline(_step), step.Policy.Timeout);
                }

                return;
            }
        }

        _done.TrySetResult();
        context.Stop();
    }

    private sealed record StepDeadline(int Step);
}
