using DistSys.Jobs.Inputs;
using DistSys.Jobs.Messages;
using DistSys.Jobs.Shuffle;
using DistSys.Runtime;

namespace DistSys.Jobs.Execution;

/// <summary>
/// A worker's executor: finds the scheduler, says hello, runs the tasks it is given and reports
/// each one back, and reports its load periodically (which renews its leases). If the scheduler
/// dies (its master is down) its tasks keep running and their outcomes wait: it looks for the
/// scheduler again and tells the new one (a restarted master, or a standby that took over) which
/// attempts it holds, in its hello; that scheduler keeps the leases it knows of and cancels the rest.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The CPU-slot SemaphoreSlim never hands out its wait handle, so it holds nothing to dispose; tasks still running may release it after the executor ends.")]
internal sealed partial class ExecutorProcess(ExecutorOptions options, ExecutorStatus status) : Behaviour
{
    private readonly Dictionary<(string JobId, int Index), RunningTask> _running = [];

    // Outcomes of attempts that ended while no scheduler was known; at most max_tasks (no new task starts meanwhile).
    private readonly List<TaskOutcome> _unreported = [];
    private SliceSources? _sources;

    // Without a node's data directory (tests, benchmarks), one directory per process and node name,
    // so two programs on one machine never sweep each other's outputs.
    private readonly ShuffleFiles _shuffle = new(options.ShuffleDirectory
        ?? Path.Combine(Path.GetTempPath(), "distsys-shuffle", $"{options.Node}-{Environment.ProcessId}"));

    // One slot per core for the tasks placed on the thread pool (see RunOnPoolAsync).
    private readonly SemaphoreSlim _cpu = new(options.CpuSlots, options.CpuSlots);

    private Pid _shuffleServer;
    private Pid _scheduler;
    private MonitorRef _monitor;

    protected override ValueTask InitAsync(ProcessContext context)
    {
        status.MaxTasks = options.MaxTasks;
        status.State = "connecting";

        // Outputs an earlier executor left are unreachable (their server died with it): swept before
        // this one says hello, so no task of its own can be writing there yet.
        Sweep(_shuffle.Directory);
        _shuffleServer = context.SpawnLink(new ShuffleServer(_shuffle));
        context.Send(context.Self, Tick.Find);
        context.SendAfter(Tick.Load, options.LoadInterval);
        return default;
    }

    protected override async ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case AssignTasks assign:
                StartAll(context, assign.Tasks);
                break;
            case Ran ran:
                OnRan(context, ran);
                break;
            case Started started:
                OnStarted(context, started);
                break;
            case CancelTask cancel:
                Cancel(cancel);
                break;
            case DropShuffle drop:
                // Off the executor's turn: a large job's outputs take a while to delete.
                _ = Task.Run(() => DropOutputs(drop.JobId));
                break;
            case Tick.Load:
                if (!_scheduler.IsNone)
                {
                    context.Send(_scheduler, new ExecutorLoad(context.Self, _running.Count, status.Completed, status.Failed));
                }

                context.SendAfter(Tick.Load, options.LoadInterval);
                break;
            case Tick.Find:
                await FindSchedulerAsync(context).ConfigureAwait(false);
                break;
            case Down down when down.Ref == _monitor:
                _scheduler = Pid.None;
                status.State = "connecting";
                context.SendAfter(Tick.Find, options.RetryInterval);
                break;
        }
    }

    protected override void Terminate(ProcessContext context, ExitReason reason)
    {
        CancelAll();

        // Its shuffle server goes with it (linked), so the outputs it wrote can no longer be fetched.
        Sweep(_shuffle.Directory);
    }

    private async Task FindSchedulerAsync(ProcessContext context)
    {
        Pid? found = null;
        try
        {
            found = await options.FindScheduler().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CallException or TimeoutException or InvalidOperationException or IOException or OperationCanceledException)
        {
            // Not reachable yet (the master is starting or restarting): look again shortly.
        }

        if (found is not { IsNone: false } scheduler)
        {
            context.SendAfter(Tick.Find, options.RetryInterval);
            return;
        }

        _scheduler = scheduler;
        _monitor = context.Monitor(scheduler);
        HeldTask[] held =
        [
            .. _running.Select(r => new HeldTask(r.Key.JobId, r.Key.Index, r.Value.Attempt)),
            .. _unreported.Select(o => new HeldTask(o.JobId, o.Index, o.Attempt)),
        ];
        context.Send(scheduler, new ExecutorHello(context.Self, options.Node, options.MaxTasks) { ShuffleServer = _shuffleServer, Held = held });
        status.State = "connected";
        if (_unreported.Count > 0)
        {
            // After the hello, so the scheduler knows this executor (and kept the leases) when they arrive.
            context.Send(scheduler, new TasksFinished(context.Self, [.. _unreported]));
            _unreported.Clear();
        }
    }

    private static void Sweep(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still open elsewhere: the next start sweeps it.
        }
    }

    private void DropOutputs(string jobId)
    {
        try
        {
            _shuffle.Drop(jobId);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Left for the next start's sweep of the shuffle directory; nothing depends on it any more.
        }
    }

    private void CancelAll()
    {
        foreach (var task in _running.Values)
        {
            task.Cancellation.Cancel();
        }

        _running.Clear();
        status.Active.Clear();
    }

    private enum Tick
    {
        Find,
        Load,
    }
}
