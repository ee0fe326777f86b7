using DistSys.Streams.Events;

namespace DistSys.Streams.Storage;

/// <summary>
/// The events of collect sinks: numbered from 0 per sink, stored one row per commit (its first offset, its
/// count, its NDJSON lines; a commit holds one or more batches: the sink's group commit), so a sink pays one
/// insert per commit rather than per event. The oldest rows are deleted once the newer ones hold the sink's
/// retention: whole rows, so up to one commit more than the retention is kept.
/// </summary>
internal sealed partial class StreamStore
{
    public void AppendCollected(string job, string node, EventBatch batch, long retention)
    {
        if (batch.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (!_nextCollected.TryGetValue((job, node), out var next))
            {
                using var max = Command(_connection, "SELECT COALESCE(MAX(first + count), 0) FROM stream_collected_batches WHERE job = $job AND node = $node",
                    ("$job", job), ("$node", node));
                next = (long)max.ExecuteScalar()!;
            }

            using var transaction = _connection.BeginTransaction();
            using var insert = Command(_connection, "INSERT INTO stream_collected_batches(job, node, first, count, events) VALUES ($job, $node, $first, $count, $events)",
                ("$job", job), ("$node", node), ("$first", next), ("$count", (long)batch.Count), ("$events", batch.Data.ToArray()));
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
            next += batch.Count;

            using var trim = Command(_connection, "DELETE FROM stream_collected_batches WHERE job = $job AND node = $node AND first + count <= $keep",
                ("$job", job), ("$node", node), ("$keep", next - retention));
            trim.Transaction = transaction;
            trim.ExecuteNonQuery();
            transaction.Commit();
            _nextCollected[(job, node)] = next;
        }
    }

    /// <summary>Up to <paramref name="limit"/> events from <paramref name="from"/> (or the oldest kept, if that is later).</summary>
    public CollectedPage ReadCollected(string job, string node, long from, int limit)
    {
        using var connection = OpenReader();
        using var bounds = Command(connection, "SELECT COALESCE(MIN(first), 0) FROM stream_collected_batches WHERE job = $job AND node = $node",
            ("$job", job), ("$node", node));
        var first = (long)bounds.ExecuteScalar()!;

        var start = Math.Max(from, first);
        using var command = Command(connection, """
            SELECT first, events FROM stream_collected_batches WHERE job = $job AND node = $node AND first >= COALESCE(
                (SELECT MAX(first) FROM stream_collected_batches WHERE job = $job AND node = $node AND first <= $from), 0)
            ORDER BY first
            """, ("$job", job), ("$node", node), ("$from", start));
        using var rows = command.ExecuteReader();
        var events = new List<byte[]>();
        while (events.Count < limit && rows.Read())
        {
            var offset = rows.GetInt64(0);
            var lines = new EventBatch.LineEnumerator((byte[])rows[1]);
            while (lines.MoveNext())
            {
                if (offset++ >= start && events.Count < limit)
                {
                    events.Add(lines.Current.ToArray());
                }
            }
        }

        return new CollectedPage(events, start, start + events.Count, first);
    }
}
