using DistSys.Host.Jobs.Messages;
using DistSys.Host.Jobs.Operations;
using DistSys.Runtime;

namespace DistSys.Host.Jobs.Execution;

/// <summary>Running tasks: small ones inline in the executor's turn, slow ones on the thread pool where a cancel can reach them.</summary>
internal sealed partial class ExecutorProcess
{
    private const int MaxErrorLength = 1000;

    private void StartAll(ProcessContext context, TaskInput[] tasks)
    {
        if (_scheduler.IsNone)
        {
            return;
        }

        var finished = new List<TaskOutcome>();
        foreach (var task in tasks)
        {
            if (Start(context, task) is { } outcome)
            {
                finished.Add(outcome);
            }
        }

        Report(context, [.. finished]);
    }

    /// <summary>Runs <paramref name="task"/> inline (its outcome returned) or on a thread of its own (null: it reports later).</summary>
    private TaskOutcome? Start(ProcessContext context, TaskInput task)
    {
        if (!options.Operations.TryGet(task.Operation, out var operation))
        {
            return new TaskOutcome(task.JobId, task.Index, task.Attempt, false, $"operation '{task.Operation}' is not known on worker {options.Node}");
        }

        var key = (task.JobId, task.Index);
        if (_running.Remove(key, out var previous))
        {
            previous.Cancellation?.Cancel();
        }

        if (operation.Input != OperationInput.None && task.DelayMs == 0 && task.Count + (task.Text?.Length ?? 0) <= options.InlineLimit)
        {
            var (ok, output) = Run(operation, task, CancellationToken.None);
            return new TaskOutcome(task.JobId, task.Index, task.Attempt, ok, output);
        }

        var cancellation = new CancellationTokenSource();
        _running[key] = new RunningTask(task.Attempt, cancellation);
        status.Active[key] = (task.Attempt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var runtime = context.Runtime;
        var self = context.Self;
        // A thread of its own: slow operations block (sleep waits on its token), and at most
        // max_tasks of them run at once, so they must not queue behind each other on the thread pool.
        _ = Task.Factory.StartNew(() =>
        {
            var (ok, output) = Run(operation, task, cancellation.Token);
            runtime.Send(self, new Ran(task.JobId, task.Index, task.Attempt, ok && !cancellation.IsCancellationRequested, output));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return null;
    }

    private static (bool Ok, string Output) Run(IJobOperation operation, TaskInput task, CancellationToken cancellation)
    {
        try
        {
            if (task.DelayMs > 0)
            {
                cancellation.WaitHandle.WaitOne(task.DelayMs);
                cancellation.ThrowIfCancellationRequested();
            }

            return (true, operation.Execute(task, cancellation));
        }
        catch (Exception ex)
        {
            // Any failure of an operation is the attempt's failure, reported as a value; the scheduler retries or fails the job.
            var error = $"{ex.GetType().Name}: {ex.Message}";
            return (false, error.Length <= MaxErrorLength ? error : error[..MaxErrorLength]);
        }
    }

    private void OnRan(ProcessContext context, Ran ran)
    {
        var key = (ran.JobId, ran.Index);
        if (!_running.TryGetValue(key, out var task) || task.Attempt != ran.Attempt)
        {
            // Cancelled (or superseded) meanwhile: nobody wants this result.
            return;
        }

        _running.Remove(key);
        status.Active.TryRemove(key, out _);
        task.Cancellation?.Dispose();
        Report(context, [new TaskOutcome(ran.JobId, ran.Index, ran.Attempt, ran.Ok, ran.Output)]);
    }

    private void Cancel(CancelTask cancel)
    {
        var key = (cancel.JobId, cancel.Index);
        if (_running.TryGetValue(key, out var task) && task.Attempt == cancel.Attempt)
        {
            _running.Remove(key);
            status.Active.TryRemove(key, out _);
            task.Cancellation?.Cancel();
            status.CountCancelled();
        }
    }

    private void Report(ProcessContext context, TaskOutcome[] outcomes)
    {
        if (outcomes.Length == 0)
        {
            return;
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Ok)
            {
                status.CountCompleted();
            }
            else
            {
                status.CountFailed();
            }
        }

        context.Send(_scheduler, new TasksFinished(context.Self, outcomes));
    }

    private sealed record RunningTask(int Attempt, CancellationTokenSource? Cancellation);

    /// <summary>A slow task ended on the thread pool.</summary>
    private sealed record Ran(string JobId, int Index, int Attempt, bool Ok, string Output);
}
