using DistSys.Jobs.Inputs;
using DistSys.Jobs.Messages;
using DistSys.Jobs.Storage;
using DistSys.Runtime;

namespace DistSys.Jobs.Scheduling;

/// <summary>
/// The master's scheduler (registered as <see cref="Name"/>): owns every live job's tasks and every
/// worker's leases, hands tasks to executors round-robin with load awareness, re-queues on
/// executor death or lease expiry, retries with exponential backoff, and persists through the
/// <see cref="StoreWriter"/>. All state is this process's own, so none of it needs a lock.
/// </summary>
internal sealed partial class SchedulerProcess(JobServiceOptions options, JobStore store, JobGauges gauges) : Behaviour
{
    /// <summary>The name the scheduler is registered under, on its node and cluster-wide.</summary>
    public const string Name = "job_scheduler";

    /// <summary>How long a new scheduler waits for an old one to give up the name.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, JobRun> _jobs = new(StringComparer.Ordinal);
    private readonly List<JobRun> _jobOrder = [];
    private readonly Dictionary<string, WorkerSlot> _workers = new(StringComparer.Ordinal);
    private readonly List<WorkerSlot> _ring = [];
    private readonly Dictionary<Pid, WorkerSlot> _byExecutor = [];

    // Jobs submitted with an Idempotency-Key, by key (loaded at start, so a repeat after a takeover finds its job).
    private readonly Dictionary<string, (IdempotencyKey Key, JobRun Job)> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<PendingTasks> _queue = new();
    private readonly PriorityQueue<TaskKey, long> _retries = new();
    private readonly TimeProvider _time = options.Time;
    private StoreBatch _batch = new();
    private bool _writerBusy;
    private Pid _writer;
    private Pid _inputs;

    // Bumped whenever a worker's shuffle server comes or goes, so a job's map outputs are checked
    // against the live servers once per change, not once per reduce task handed out.
    private long _servers;
    private long _nextSeq = 1;
    private int _cursor;
    private long _retryArmedFor = long.MaxValue;

    protected override async ValueTask InitAsync(ProcessContext context)
    {
        _writer = context.SpawnLink(new StoreWriter(store, context.Self, options.Logger));
        _inputs = context.SpawnLink(new InputServer(options.Inputs));
        Recover();
        PublishGauges();
        context.SendAfter(SchedulerTick.Leases, options.LeaseCheckInterval);
        if (options.AdoptWindow > TimeSpan.Zero)
        {
            context.SendAfter(SchedulerTick.Adoption, options.AdoptWindow);
        }

        Pump(context);
        ArmDeadline(context);
        Flush(context);
        if (options.PublishScheduler is { } publish)
        {
            await PublishAsync(context, publish, options.FindScheduler).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a restart by the supervisor the old scheduler's name is released when the name's keeper
    /// sees it exit, which may be a moment after this one starts: wait for the holder's exit (a
    /// monitor, not a poll), then try again. A holder that outlives the limit fails this start.
    /// </summary>
    private static async Task PublishAsync(ProcessContext context, Func<Pid, Task<bool>> publish, Func<Task<Pid?>>? find)
    {
        using var timeout = new CancellationTokenSource(PublishTimeout);
        while (!await publish(context.Self).ConfigureAwait(false))
        {
            var holder = find is null ? null : await find().ConfigureAwait(false);
            try
            {
                timeout.Token.ThrowIfCancellationRequested();
                await (holder is { } pid ? ExitOf(context, pid) : Task.CompletedTask).WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException($"the name '{Name}' stayed taken by another scheduler ({holder}) for {PublishTimeout.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>Completes when <paramref name="holder"/> has exited (at once if it already had), through a watcher process's monitor.</summary>
    private static Task ExitOf(ProcessContext context, Pid holder)
    {
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = context.Runtime.Spawn((watching, message) =>
        {
            if (message is Pid target)
            {
                watching.Monitor(target);
            }
            else if (message is Down)
            {
                exited.TrySetResult();
                watching.Stop();
            }
        });
        context.Send(watcher, holder);
        return exited.Task;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case TasksFinished finished:
                foreach (var outcome in finished.Outcomes)
                {
                    OnTaskFinished(context, finished.Executor, outcome);
                }

                break;
            case ExecutorLoad load:
                OnLoad(load);
                break;
            case TaskStarted started:
                OnStarted(started);
                break;
            case ExecutorHello hello:
                OnHello(context, hello);
                break;
            case Down down:
                OnDown(context, down);
                break;
            case BatchPersisted persisted:
                OnPersisted(context, persisted.Batch);
                break;
            case CallRequest call:
                OnCall(context, call);
                break;
            case SchedulerTick.Leases:
                ExpireLeases(context);
                PublishGauges();
                context.SendAfter(SchedulerTick.Leases, options.LeaseCheckInterval);
                break;
            case SchedulerTick.Retries:
                _retryArmedFor = long.MaxValue;
                ReleaseDueRetries(context);
                break;
            case SchedulerTick.Deadlines:
                ExpireDeadlines(context);
                break;
            case SchedulerTick.Adoption:
                ReleaseUnclaimed(context);
                break;
        }

        Pump(context);
        ArmDeadline(context);
        Flush(context);
        return default;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private long Monotonic => (long)(_time.GetTimestamp() * 1000.0 / _time.TimestampFrequency);
}
