namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// The master's policy for a partial partition: two workers that cannot reach each other while both reach the
/// master. Left alone, their messages would be dropped for as long as it lasts (every call between them fails),
/// so the master downs one side for everyone, as Akka's split-brain resolver does. A pair is judged only once
/// its reports have lasted <c>confirm</c> (the failure timeout: a worker re-reports while it still cannot
/// connect, so a pair that reconnects at once — a node thawed after a pause — is never judged). Of the pair it
/// downs the worker named in more fresh reports (the one cut off from most), on a tie the younger (the later to
/// join). The downed worker is quarantined: the master refuses its rejoin until <see cref="Quarantine"/> has
/// passed, then takes it back; if the partition still stands, the next confirmed reports down it again. It owns
/// its tables and their lock, taken alone.
/// </summary>
internal sealed class PartitionArbiter(TimeSpan confirm, TimeSpan quarantine, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Reporter, string Target), (long First, long Last)> _reports = [];
    private readonly Dictionary<string, long> _quarantined = new(StringComparer.Ordinal);

    public TimeSpan Quarantine => quarantine;

    /// <summary>
    /// <paramref name="reporter"/> still cannot reach <paramref name="target"/>; both are up at the master, joined at
    /// the given timestamps. Returns the worker to down (and quarantines it) once the report is confirmed, else null.
    /// </summary>
    public string? Report(string reporter, long reporterJoined, string target, long targetJoined)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            Prune(now);
            var key = (reporter, target);
            var first = _reports.TryGetValue(key, out var seen) ? seen.First : now;
            _reports[key] = (first, now);
            if (time.GetElapsedTime(first, now) < confirm)
            {
                return null;
            }

            var (r, t) = (Degree(reporter), Degree(target));
            var victim = r != t ? (r > t ? reporter : target) : (reporterJoined > targetJoined ? reporter : target);
            _quarantined[victim] = now;
            _reports.Remove(key);
            _reports.Remove((target, reporter));
            return victim;
        }
    }

    /// <summary>True while <paramref name="name"/> was downed by this policy less than <see cref="Quarantine"/> ago.</summary>
    public bool IsQuarantined(string name)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_quarantined.TryGetValue(name, out var since))
            {
                return false;
            }

            if (time.GetElapsedTime(since, now) < quarantine)
            {
                return true;
            }

            _quarantined.Remove(name);
            return false;
        }
    }

    private int Degree(string name) => _reports.Keys.Count(k => k.Reporter == name || k.Target == name);

    /// <summary>A report not repeated within three confirmation periods is over: that pair reconnected, or one of it went down.</summary>
    private void Prune(long now)
    {
        foreach (var key in _reports.Where(r => time.GetElapsedTime(r.Value.Last, now) >= confirm * 3).Select(r => r.Key).ToList())
        {
            _reports.Remove(key);
        }
    }
}
