namespace DistSys.Streams.Storage;

/// <summary>Topologies and their sources' progress.</summary>
internal sealed partial class StreamStore
{
    public long MaxSeq()
    {
        lock (_gate)
        {
            using var command = Command(_connection, "SELECT COALESCE(MAX(seq), 0) FROM streams");
            return (long)command.ExecuteScalar()!;
        }
    }

    public void Insert(StreamRow row)
    {
        lock (_gate)
        {
            using var command = Command(_connection,
                "INSERT INTO streams(seq, id, name, topology, status, created_at) VALUES ($seq, $id, $name, $topology, $status, $created)",
                ("$seq", row.Seq), ("$id", row.Id), ("$name", row.Name), ("$topology", row.Topology), ("$status", row.Status.Name()), ("$created", row.CreatedAt));
            command.ExecuteNonQuery();
        }
    }

    public void SetStatus(string id, StreamStatus status, long? stoppedAt, string? error)
    {
        lock (_gate)
        {
            using var command = Command(_connection, "UPDATE streams SET status = $status, stopped_at = $stopped, error = $error WHERE id = $id",
                ("$id", id), ("$status", status.Name()), ("$stopped", stoppedAt), ("$error", error));
            command.ExecuteNonQuery();
        }
    }

    public List<StreamRow> LoadStreams()
    {
        using var connection = OpenReader();
        using var command = Command(connection, "SELECT seq, id, name, topology, status, created_at, stopped_at, error FROM streams ORDER BY seq");
        using var reader = command.ExecuteReader();
        var rows = new List<StreamRow>();
        while (reader.Read())
        {
            rows.Add(new StreamRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), StreamStatusNames.Parse(reader.GetString(4)),
                reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }

    /// <summary>
    /// Stores a source's progress durably: this one commit is synchronous=FULL (the WAL fsynced), so it, and
    /// every collected batch committed before it (earlier in the same WAL), survive an OS crash before the http
    /// log frees the segments it acknowledges. The collect sinks' own commits stay NORMAL (docs/streaming.md, "Durability").
    /// </summary>
    public void SaveSource(string job, string node, SourceProgress progress)
    {
        lock (_gate)
        {
            Execute(_connection, "PRAGMA synchronous=FULL");
            using var command = Command(_connection,
                "INSERT INTO stream_sources(job, node, acked, emitted, replayed) VALUES ($job, $node, $acked, $emitted, $replayed) "
                + "ON CONFLICT(job, node) DO UPDATE SET acked = excluded.acked, emitted = excluded.emitted, replayed = excluded.replayed",
                ("$job", job), ("$node", node), ("$acked", progress.Acked), ("$emitted", progress.Emitted), ("$replayed", progress.Replayed));
            try
            {
                command.ExecuteNonQuery();
            }
            finally
            {
                Execute(_connection, "PRAGMA synchronous=NORMAL");
            }
        }
    }

    public SourceProgress LoadSource(string job, string node)
    {
        using var connection = OpenReader();
        using var command = Command(connection, "SELECT acked, emitted, replayed FROM stream_sources WHERE job = $job AND node = $node", ("$job", job), ("$node", node));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new SourceProgress(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)) : default;
    }
}
