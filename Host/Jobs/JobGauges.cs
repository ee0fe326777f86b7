using System.Diagnostics.Metrics;

namespace DistSys.Jobs;

/// <summary>
/// The job and worker counts of one master's scheduler, as it last published them (every lease tick):
/// written by the scheduler only, read by a metrics collector from any thread.
/// </summary>
internal sealed class JobGauges
{
    private static readonly KeyValuePair<string, object?>[] s_states =
        [.. Enum.GetValues<JobStatus>().Select(status => new KeyValuePair<string, object?>("state", status.Name()))];

    private volatile Measurement<long>[] _jobs = [.. s_states.Select(state => new Measurement<long>(0, state))];
    private volatile Measurement<long>[] _workers = [];

    public IReadOnlyList<Measurement<long>> Jobs => _jobs;

    public IReadOnlyList<Measurement<long>> Workers => _workers;

    /// <summary>Replaces the snapshot: <paramref name="jobsByState"/> indexed by <see cref="JobStatus"/>, workers counted by status.</summary>
    public void Publish(long[] jobsByState, IEnumerable<string> workerStatuses)
    {
        _jobs = [.. s_states.Select((state, i) => new Measurement<long>(jobsByState[i], state))];
        _workers = [.. workerStatuses.GroupBy(status => status, StringComparer.Ordinal)
            .Select(group => new Measurement<long>(group.LongCount(), new KeyValuePair<string, object?>("status", group.Key)))];
    }
}
