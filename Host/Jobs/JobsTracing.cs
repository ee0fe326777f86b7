using System.Diagnostics;
using DistSys.Jobs.Scheduling;

namespace DistSys.Jobs;

/// <summary>
/// The module's ActivitySource (docs/metrics.md, "Traces"): a <c>job</c> span from submission to its end,
/// and under it one <c>task.attempt</c> span per attempt (claim to outcome, tagged with the task index,
/// attempt and worker). With no listener — no <c>--otlp-endpoint</c> — every call returns at the first
/// check and nothing is allocated. The scheduler handles many jobs at once, so no span is left as
/// <see cref="Activity.Current"/> after a call.
/// </summary>
internal static class JobsTracing
{
    public const string SourceName = "DistSys.Jobs";

    private static readonly ActivitySource s_source = new(SourceName);

    public static Activity? StartJob(string id, string name, string operation, int tasks)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var previous = Activity.Current;
        var job = s_source.StartActivity("job", ActivityKind.Internal, parentContext: default);
        Activity.Current = previous;
        job?.SetTag("distsys.job.id", id).SetTag("distsys.job.name", name).SetTag("distsys.operation", operation).SetTag("distsys.job.tasks", tasks);
        return job;
    }

    public static void EndJob(Activity? job, JobStatus status)
    {
        if (job is null)
        {
            return;
        }

        var previous = Activity.Current;
        job.SetTag("distsys.job.status", status.Name());
        if (status != JobStatus.Completed)
        {
            job.SetStatus(ActivityStatusCode.Error, status.Name());
        }

        job.Stop();
        Activity.Current = previous;
    }

    /// <summary>One attempt's span, recorded when its outcome is known (its start is the claim's wall-clock time).</summary>
    public static void Attempt(JobRun job, int index, in TaskSlot slot, string outcome, long now)
    {
        if (job.Trace is not { } parent || !s_source.HasListeners())
        {
            return;
        }

        var previous = Activity.Current;
        using (var attempt = s_source.StartActivity("task.attempt", ActivityKind.Internal, parent.Context, startTime: DateTimeOffset.FromUnixTimeMilliseconds(slot.ClaimedAt)))
        {
            attempt?.SetTag("distsys.job.id", job.Id).SetTag("distsys.task.index", index).SetTag("distsys.task.attempt", slot.Attempts)
                .SetTag("distsys.worker", slot.Worker?.Id).SetTag("distsys.outcome", outcome)
                .SetEndTime(DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(now, slot.ClaimedAt)).UtcDateTime);
            if (outcome != "completed")
            {
                attempt?.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }

        Activity.Current = previous;
    }
}
