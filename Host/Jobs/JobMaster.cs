using DistSys.Jobs.Operations;
using DistSys.Jobs.Scheduling;
using DistSys.Jobs.Storage;
using DistSys.Runtime;
using DistSys.Supervision;

namespace DistSys.Jobs;

/// <summary>
/// The job service on the master: the store, the scheduler's child spec for the node's supervisor,
/// and the calls the REST endpoints make. The scheduler is found by name on each call, so the API
/// keeps working across a supervisor restart of the scheduler.
/// </summary>
internal sealed class JobMaster : IDisposable
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    public JobMaster(ProcessRuntime runtime, JobServiceOptions options)
    {
        Runtime = runtime;
        Options = options;
        var outputs = options.OutputDirectory ?? Path.Combine(options.DataDirectory, "outputs");
        Store = options.StoreConnection is { } shared
            ? PostgresJobStore.Open(shared, outputs)
            : SqliteJobStore.Open(options.DataDirectory, outputs);
    }

    /// <summary>What the scheduler last published for the jobs and workers gauges (docs/metrics.md).</summary>
    public JobGauges Gauges { get; } = JobsMetrics.Register(new JobGauges());

    public ProcessRuntime Runtime { get; }

    public JobServiceOptions Options { get; }

    public JobStore Store { get; }

    /// <summary>
    /// Dials a worker node at host:port and returns its node name (the cluster's ConnectAsync);
    /// null where there is no cluster (the worker is then only recorded, by its address).
    /// </summary>
    public Func<string, int, CancellationToken, Task<string>>? DialWorker { get; set; }

    /// <summary>The scheduler, registered as <see cref="SchedulerProcess.Name"/>; permanent, restarted from the store if it crashes.</summary>
    public ChildSpec SchedulerSpec =>
        ChildSpec.Worker(SchedulerProcess.Name, () => new SchedulerProcess(Options, Store, Gauges), new SpawnOptions { Name = SchedulerProcess.Name });

    /// <summary>Why a new job would not fit in the store now (it is full, or below <see cref="JobServiceOptions.MinFreeBytes"/>), or null.</summary>
    public string? StorageFull() =>
        Store.FullDetail ?? (Store.FreeBytes is { } free && free < Options.MinFreeBytes
            ? $"{free >> 20} MiB free for the job store, below jobs:min_free_mib ({Options.MinFreeBytes >> 20} MiB): new jobs are refused until space is freed"
            : null);

    /// <summary>Asks the scheduler; throws <see cref="CallException"/> (noproc) if it is not running.</summary>
    public Task<TReply> CallAsync<TReply>(object request)
    {
        var scheduler = Runtime.Whereis(SchedulerProcess.Name);
        return scheduler.IsNone
            ? Task.FromException<TReply>(new CallException(scheduler, ExitReason.NoProc))
            : Runtime.CallAsync<TReply>(scheduler, request, s_callTimeout);
    }

    /// <summary>The combined result of a completed job, as JSON (written from its stored partitions).</summary>
    public string CombinedResult(string jobId, string operation)
    {
        if (!Options.Operations.TryGet(operation, out var op))
        {
            throw new InvalidOperationException($"operation '{operation}' is no longer known on the master");
        }

        var partitions = Store.ReadResults(jobId);
        return JsonText.Write((op, partitions), static (writer, s) => s.op.Combine(s.partitions, writer));
    }

    public void Dispose()
    {
        JobsMetrics.Unregister(Gauges);
        Store.Dispose();
    }
}
