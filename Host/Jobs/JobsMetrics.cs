using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using DistSys.Jobs.Scheduling;

namespace DistSys.Jobs;

/// <summary>
/// The module's meter (docs/metrics.md). The scheduler counts each attempt's end where it decides it
/// (a tag list on the stack, no allocation); the job and worker gauges are a snapshot the scheduler
/// publishes on its lease tick (<see cref="JobGauges"/>), so a scrape never reaches into its state.
/// </summary>
internal static class JobsMetrics
{
    public const string MeterName = "DistSys.Jobs";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly ConcurrentDictionary<JobGauges, byte> s_gauges = new();

    private static readonly Counter<long> s_tasks = s_meter.CreateCounter<long>("distsys.tasks", "{attempt}",
        "Task attempts ended, by operation and outcome (completed, failed, timeout, lost, cancelled)");

    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram("distsys.task.duration", "s",
        "Wall-clock time of completed task attempts, from claim to result, by operation", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
        });

    private static readonly Counter<long> s_retries = s_meter.CreateCounter<long>("distsys.task.retries", "{retry}",
        "Tasks queued again after an attempt ended without a result, by reason (failed, timeout, lost)");

    private static readonly Counter<long> s_leaseExpired = s_meter.CreateCounter<long>("distsys.lease.expired", "{lease}",
        "Task leases revoked because their attempt overran its deadline or its worker fell silent");

    static JobsMetrics()
    {
        s_meter.CreateObservableGauge("distsys.jobs", () => s_gauges.Keys.SelectMany(g => g.Jobs), "{job}",
            "Jobs the master knows, by state");
        s_meter.CreateObservableGauge("distsys.workers", () => s_gauges.Keys.SelectMany(g => g.Workers), "{worker}",
            "Workers the master knows, by status");
    }

    public static JobGauges Register(JobGauges gauges)
    {
        s_gauges.TryAdd(gauges, 0);
        return gauges;
    }

    public static void Unregister(JobGauges gauges) => s_gauges.TryRemove(gauges, out _);

    /// <summary>An attempt of task <paramref name="index"/> ended with <paramref name="outcome"/>: counted, and traced when tracing is on.</summary>
    public static void AttemptEnded(JobRun job, int index, in TaskSlot slot, string outcome, long now)
    {
        var tags = new TagList { { "operation", job.Operation }, { "outcome", outcome } };
        s_tasks.Add(1, in tags);
        JobsTracing.Attempt(job, index, slot, outcome, now);
    }

    public static void AttemptCompleted(JobRun job, int index, in TaskSlot slot, long now)
    {
        AttemptEnded(job, index, slot, "completed", now);
        var tags = new TagList { { "operation", job.Operation } };
        s_duration.Record(Math.Max(0, now - slot.ClaimedAt) / 1000.0, in tags);
    }

    public static void Retried(string reason)
    {
        var tags = new TagList { { "reason", reason } };
        s_retries.Add(1, in tags);
    }

    public static void LeasesExpired(int count) => s_leaseExpired.Add(count);
}
