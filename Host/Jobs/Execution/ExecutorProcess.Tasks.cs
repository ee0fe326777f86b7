using DistSys.Jobs.Inputs;
using DistSys.Jobs.Messages;
using DistSys.Jobs.Shuffle;
using DistSys.Jobs.Operations;
using DistSys.Runtime;

namespace DistSys.Jobs.Execution;

/// <summary>
/// Running tasks where their operation places them (in the executor's turn, or on the thread pool);
/// a task that does not finish at once reports through a message when it does, and a cancel reaches
/// it through its token.
/// </summary>
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
            previous.Cancellation.Cancel();
        }

        var cancellation = new CancellationTokenSource();
        var run = new TaskRun(operation, task, _sources ??= new SliceSources(context.Runtime, options.Inputs), _shuffle, context.Runtime, status,
            options.MaxInlineOutputBytes, options.MapTableBytes);
        var running = task.PlacementBy(operation) == TaskPlacement.Inline
            ? RunAsync(run, cancellation.Token)
            : new ValueTask<Attempted>(RunOnPoolAsync(run, _cpu, context.Self, cancellation.Token));
        if (running.IsCompleted)
        {
            cancellation.Dispose();
            return running.Result.Outcome(task);
        }

        _running[key] = new RunningTask(task.Attempt, cancellation);
        status.Active[key] = (task.Attempt, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _ = ReportWhenDoneAsync(context.Runtime, context.Self, task, running, cancellation);
        return null;
    }

    // Resumes off the executor's process (ConfigureAwait(false)); the outcome goes back as a message.
    private static async Task ReportWhenDoneAsync(ProcessRuntime runtime, Pid self, TaskInput task, ValueTask<Attempted> running,
        CancellationTokenSource cancellation)
    {
        var attempted = await running.ConfigureAwait(false);
        runtime.Send(self, new Ran((attempted with { Ok = attempted.Ok && !cancellation.IsCancellationRequested }).Outcome(task)));
    }

    /// <summary>
    /// A task placed on the thread pool waits (without a thread) for one of the executor's CPU slots,
    /// one per core: however many tasks it holds, it never takes every pool thread, so the node's
    /// heartbeats and connections still run and a busy worker is not mistaken for a dead one.
    /// </summary>
    private static async Task<Attempted> RunOnPoolAsync(TaskRun run, SemaphoreSlim cpu, Pid executor, CancellationToken cancellation)
    {
        try
        {
            await cpu.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new Attempted(false, "cancelled before it started");
        }

        run.Runtime.Send(executor, new Started(run.Task.JobId, run.Task.Index, run.Task.Attempt));

        try
        {
            return await Task.Run(() => RunAsync(run, cancellation).AsTask(), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            cpu.Release();
        }
    }

    /// <summary>Everything one attempt needs, off the executor's process.</summary>
    private sealed record TaskRun(IJobOperation Operation, TaskInput Task, SliceSources Sources, ShuffleFiles Shuffle, ProcessRuntime Runtime, ExecutorStatus Status,
        int MaxInlineOutputBytes, long MapTableBytes);

    /// <summary>How an attempt ended, before it becomes a <see cref="TaskOutcome"/>.</summary>
    private readonly record struct Attempted(bool Ok, string Output, int[]? Lost = null, long StoredBytes = 0)
    {
        public TaskOutcome Outcome(TaskInput task) =>
            new(task.JobId, task.Index, task.Attempt, Ok, Output) { LostMaps = Lost, StoredBytes = StoredBytes };
    }

    /// <summary>
    /// One attempt: a reduce task fetches and merges its bucket of every map output; any other task
    /// runs the operation on its partition (its file slice opened first); a map task of a shuffled job
    /// writes its table into buckets on this worker, in runs of bounded size, and reports only their sizes. A result
    /// larger than <see cref="ExecutorOptions.MaxInlineOutputBytes"/> stays in a file here, served to the
    /// scheduler by the shuffle server in chunks, so no message has to carry it whole.
    /// </summary>
    private static async ValueTask<Attempted> RunAsync(TaskRun run, CancellationToken cancellation)
    {
        var task = run.Task;
        ISliceSource? source = null;
        try
        {
            if (task.DelayMs > 0)
            {
                await Task.Delay(task.DelayMs, cancellation).ConfigureAwait(false);
            }

            if (task.Shuffle is { } sources)
            {
                // Only keyed operations shuffle, and every keyed result merges by adding.
                var counts = new Counts();
                await ShuffleFetch.FetchAsync(run.Runtime, task.JobId, task.Bucket, sources, part => counts.Add(part.Span), cancellation).ConfigureAwait(false);
                return Result(run, JsonText.WriteUtf8(counts, static (writer, c) => c.WriteTo(writer)).WrittenSpan);
            }

            if (task.Slice is { } slice)
            {
                source = run.Sources.Open(slice, task.InputServer);
                run.Status.CountSlice(source.IsLocal);
                task = task with { Source = source };
            }

            if (task.Reducers > 0 && run.Operation is IKeyedOperation keyed)
            {
                using var output = run.Shuffle.OpenMap(task.JobId, task.Index, task.Attempt, task.Reducers, run.MapTableBytes);
                await keyed.MapAsync(task, output, cancellation).ConfigureAwait(false);
                return new Attempted(true, ShuffleFiles.Descriptor(output.Sizes()));
            }

            return Result(run, await run.Operation.ExecuteAsync(task, cancellation).ConfigureAwait(false));
        }
        catch (MapOutputsLostException lost)
        {
            return new Attempted(false, lost.Message, lost.Maps);
        }
        catch (Exception ex)
        {
            // Any failure of an operation is the attempt's failure, reported as a value; the scheduler retries or fails the job.
            var error = $"{ex.GetType().Name}: {ex.Message}";
            return new Attempted(false, error.Length <= MaxErrorLength ? error : error[..MaxErrorLength]);
        }
        finally
        {
            source?.Dispose();
        }
    }

    private static Attempted Result(TaskRun run, string output) =>
        output.Length <= run.MaxInlineOutputBytes / 3 ? new Attempted(true, output) : Result(run, System.Text.Encoding.UTF8.GetBytes(output));

    private static Attempted Result(TaskRun run, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= run.MaxInlineOutputBytes)
        {
            return new Attempted(true, System.Text.Encoding.UTF8.GetString(utf8));
        }

        var task = run.Task;
        return new Attempted(true, string.Empty, StoredBytes: run.Shuffle.WriteOutput(task.JobId, task.Index, task.Attempt, utf8));
    }

    private void OnRan(ProcessContext context, Ran ran)
    {
        var key = (ran.Outcome.JobId, ran.Outcome.Index);
        if (!_running.TryGetValue(key, out var task) || task.Attempt != ran.Outcome.Attempt)
        {
            // Cancelled (or superseded) meanwhile: nobody wants this result.
            return;
        }

        _running.Remove(key);
        status.Active.TryRemove(key, out _);
        task.Cancellation.Dispose();
        Report(context, [ran.Outcome]);
    }

    private void Cancel(CancelTask cancel)
    {
        var key = (cancel.JobId, cancel.Index);
        if (_running.TryGetValue(key, out var task) && task.Attempt == cancel.Attempt)
        {
            _running.Remove(key);
            status.Active.TryRemove(key, out _);
            task.Cancellation.Cancel();
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

        if (_scheduler.IsNone)
        {
            _unreported.AddRange(outcomes);
            return;
        }

        context.Send(_scheduler, new TasksFinished(context.Self, outcomes));
    }

    private sealed record RunningTask(int Attempt, CancellationTokenSource Cancellation);

    /// <summary>A task placed on the thread pool has its CPU slot: the scheduler starts its deadline.</summary>
    private sealed record Started(string JobId, int Index, int Attempt);

    private void OnStarted(ProcessContext context, Started started)
    {
        if (_running.TryGetValue((started.JobId, started.Index), out var task) && task.Attempt == started.Attempt && !_scheduler.IsNone)
        {
            context.Send(_scheduler, new TaskStarted(context.Self, started.JobId, started.Index, started.Attempt));
        }
    }

    /// <summary>A slow task ended on the thread pool.</summary>
    private sealed record Ran(TaskOutcome Outcome);
}
