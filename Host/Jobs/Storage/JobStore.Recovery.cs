using System.Data.Common;

namespace DistSys.Jobs.Storage;

/// <summary>Reading the store back: recovery after a restart, and results for the API.</summary>
internal abstract partial class JobStore
{
    /// <summary>
    /// Every lease held when the previous master stopped died with it: running tasks go back to
    /// pending (their attempt counted as lost), so the new scheduler hands them out again.
    /// </summary>
    public void ReleaseOrphanedLeases(long now) => Write(now, static (store, transaction, now) =>
    {
        using var command = store._connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO attempts (job_id, idx, attempt, worker_id, started_at, ended_at, outcome, error)
            SELECT job_id, idx, attempts, worker_id, claimed_at, @t, 'lost', 'master restarted' FROM tasks WHERE state = 'running'
            {StoreWrite.UpsertAttempt};
            UPDATE tasks SET state = 'pending', worker_id = NULL, lease_expires = NULL WHERE state = 'running';
            """;
        AddParameter(command, "@t", now);
        command.ExecuteNonQuery();
    });

    private const string JobColumns = """
        SELECT seq, id, name, type, operation, config, state, task_count, done_count, max_retries, error,
               created_at, started_at, finished_at, attempt_base FROM jobs
        """;

    public List<JobRow> LoadJobs()
    {
        using var scope = _gate.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = JobColumns + " ORDER BY seq;";
        using var reader = command.ExecuteReader();
        var jobs = new List<JobRow>();
        while (reader.Read())
        {
            jobs.Add(ReadJob(reader));
        }

        return jobs;
    }

    /// <summary>One job's row (a retry reloads the job it reopened), or null if there is none.</summary>
    public JobRow? LoadJob(string jobId)
    {
        using var scope = _gate.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = JobColumns + " WHERE id = @j;";
        AddParameter(command, "@j", jobId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadJob(reader) : null;
    }

    private static JobRow ReadJob(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9),
        reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt64(11),
        reader.IsDBNull(12) ? null : reader.GetInt64(12), reader.IsDBNull(13) ? null : reader.GetInt64(13),
        reader.GetInt32(14));

    /// <summary>
    /// Every job's attempt count as the store holds it (the sum of its tasks' claims), for finished
    /// jobs as for resumed ones: a restart shows the counters the jobs ended with.
    /// </summary>
    public Dictionary<string, int> LoadAttemptCounts()
    {
        using var scope = _gate.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT job_id, SUM(attempts) FROM tasks GROUP BY job_id;";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Where a shuffled job's completed map tasks left their outputs.</summary>
    public List<(int Index, int Attempt, DistSys.Runtime.Pid Server)> LoadMapOutputs(string jobId)
        => ReadRows(
            "SELECT idx, attempt, server_node, server_incarnation, server_id FROM map_outputs WHERE job_id = @j;",
            reader => (reader.GetInt32(0), reader.GetInt32(1), new DistSys.Runtime.Pid(reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4))), jobId);

    public List<WorkerRow> LoadWorkers()
        => ReadRows(
            "SELECT id, address, max_tasks, registered_at, last_heartbeat, metrics FROM workers ORDER BY registered_at, id;",
            reader => new WorkerRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5)));

    public List<TaskRow> LoadTasks(string jobId)
        => ReadRows(
            "SELECT idx, state, attempts FROM tasks WHERE job_id = @j;",
            reader => new TaskRow(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2)), jobId);

    /// <summary>Every stored job that was submitted with an idempotency key: the key, its body's hash and the job.</summary>
    public List<(IdempotencyKey Key, string JobId)> LoadIdempotencyKeys()
        => ReadRows(
            "SELECT idempotency_key, request_sha256, id FROM jobs WHERE idempotency_key IS NOT NULL;",
            reader => (new IdempotencyKey(reader.GetString(0), reader.GetString(1)), reader.GetString(2)));

    /// <summary>A job's tasks recorded as running: their holder and claim time (what a takeover may adopt).</summary>
    public List<LeaseRow> LoadLeases(string jobId)
        => ReadRows(
            "SELECT idx, worker_id, claimed_at FROM tasks WHERE job_id = @j AND state = 'running' AND worker_id IS NOT NULL;",
            reader => new LeaseRow(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2)), jobId);

    /// <summary>
    /// The stored partition results of a job, in partition order, each as the task's JSON: rows as they
    /// are, part files read back. Off the writer's connection.
    /// </summary>
    public List<string> ReadResults(string jobId)
    {
        var results = new SortedDictionary<int, string>();
        using var connection = OpenReader();
        foreach (var (index, kind, _, _) in ListParts(connection, jobId))
        {
            results[index] = Parts.ReadJson(jobId, index, kind);
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT idx, value FROM results WHERE job_id = @j;";
        AddParameter(command, "@j", jobId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results[reader.GetInt32(0)] = reader.GetString(1);
        }

        return [.. results.Values];
    }

    /// <summary>
    /// A job's outputs in task order, read as they are enumerated (one row at a time, so a million
    /// parts cost no more memory than one): each an inline result or a part file.
    /// </summary>
    public IEnumerable<JobOutput> StreamOutputs(string jobId)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT idx, value, NULL, 0, NULL FROM results WHERE job_id = @j
            UNION ALL SELECT idx, NULL, kind, bytes, sha256 FROM parts WHERE job_id = @j
            ORDER BY 1;
            """;
        AddParameter(command, "@j", jobId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return Output(reader);
        }
    }

    /// <summary>Task <paramref name="index"/>'s output, or null when it has none.</summary>
    public JobOutput? FindOutput(string jobId, int index)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT idx, value, NULL, 0, NULL FROM results WHERE job_id = @j AND idx = @i
            UNION ALL SELECT idx, NULL, kind, bytes, sha256 FROM parts WHERE job_id = @j AND idx = @i;
            """;
        AddParameter(command, "@j", jobId);
        AddParameter(command, "@i", index);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Output(reader) : null;
    }

    /// <summary>How many parts a job's output has and their bytes in all (inline results by their JSON's length).</summary>
    public (long Parts, long Bytes) OutputSize(string jobId)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM results WHERE job_id = @j) + (SELECT COUNT(*) FROM parts WHERE job_id = @j),
                   (SELECT COALESCE(SUM(LENGTH(value)), 0) FROM results WHERE job_id = @j) + (SELECT COALESCE(SUM(bytes), 0) FROM parts WHERE job_id = @j);
            """;
        AddParameter(command, "@j", jobId);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static JobOutput Output(DbDataReader reader) => reader.IsDBNull(1)
        ? new JobOutput(reader.GetInt32(0), null, new PartInfo(reader.GetString(2), reader.GetInt64(3), 0, reader.GetString(4)))
        : new JobOutput(reader.GetInt32(0), reader.GetString(1), null);

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static List<(int Index, string Kind, long Bytes, string Sha)> ListParts(DbConnection connection, string jobId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT idx, kind, bytes, sha256 FROM parts WHERE job_id = @j;";
        AddParameter(command, "@j", jobId);
        using var reader = command.ExecuteReader();
        var parts = new List<(int, string, long, string)>();
        while (reader.Read())
        {
            parts.Add((reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return parts;
    }

    /// <summary>Every row of <paramref name="sql"/> (with <c>@j</c> bound to <paramref name="jobId"/> when given), each made by <paramref name="row"/>, on the writer's connection.</summary>
    private List<T> ReadRows<T>(string sql, Func<DbDataReader, T> row, string? jobId = null)
    {
        using var scope = _gate.EnterScope();
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (jobId is not null)
        {
            AddParameter(command, "@j", jobId);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}

/// <summary>One task's output: inline (<see cref="Value"/>, the task's JSON) or a part file (<see cref="Part"/>).</summary>
internal sealed record JobOutput(int Index, string? Value, PartInfo? Part);
