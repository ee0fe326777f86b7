using DistSys.Streams.Events;

namespace DistSys.Streams.Storage;

/// <summary>The events of collect sinks: numbered from 0 per sink, the oldest deleted past the sink's retention.</summary>
internal sealed partial class StreamStore
{
    public void AppendCollected(string job, string node, EventBatch batch, long retention)
    {
        lock (_gate)
        {
            if (!_nextCollected.TryGetValue((job, node), out var next))
            {
                using var max = Command(_connection, "SELECT COALESCE(MAX(offset) + 1, 0) FROM stream_collected WHERE job = $job AND node = $node", ("$job", job), ("$node", node));
                next = (long)max.ExecuteScalar()!;
            }

            using var transaction = _connection.BeginTransaction();
            using var insert = Command(_connection, "INSERT INTO stream_collected(job, node, offset, event) VALUES ($job, $node, $offset, $event)",
                ("$job", job), ("$node", node), ("$offset", 0L), ("$event", Array.Empty<byte>()));
            insert.Transaction = transaction;
            foreach (var evt in batch)
            {
                insert.Parameters["$offset"].Value = next++;
                insert.Parameters["$event"].Value = evt.ToArray();
                insert.ExecuteNonQuery();
            }

            using var trim = Command(_connection, "DELETE FROM stream_collected WHERE job = $job AND node = $node AND offset < $first",
                ("$job", job), ("$node", node), ("$first", next - retention));
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
        using var bounds = Command(connection, "SELECT COALESCE(MIN(offset), 0) FROM stream_collected WHERE job = $job AND node = $node",
            ("$job", job), ("$node", node));
        var first = (long)bounds.ExecuteScalar()!;

        var start = Math.Max(from, first);
        using var command = Command(connection, "SELECT event FROM stream_collected WHERE job = $job AND node = $node AND offset >= $from ORDER BY offset LIMIT $limit",
            ("$job", job), ("$node", node), ("$from", start), ("$limit", limit));
        using var rows = command.ExecuteReader();
        var events = new List<byte[]>();
        while (rows.Read())
        {
            events.Add((byte[])rows[0]);
        }

        return new CollectedPage(events, start, start + events.Count, first);
    }
}
