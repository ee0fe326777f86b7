using System.Data.Common;

namespace DistSys.Jobs.Storage;

/// <summary>A new job row, pending, with its config as JSON and the submit's idempotency key, if it had one.</summary>
internal sealed record InsertJob(long Seq, string JobId, string Name, string Operation, string ConfigJson, int TaskCount, int MaxRetries, long CreatedAt)
    : StoreWrite
{
    public IdempotencyKey? Key { get; init; }

    public override string Sql => """
        INSERT INTO jobs (seq, id, name, type, operation, config, state, task_count, max_retries, created_at, idempotency_key, request_sha256)
        VALUES (@q, @j, @n, 'batch', @o, @c, 'pending', @k, @r, @t, @i, @h);
        """;

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@q", Seq);
        Set(parameters, "@j", JobId);
        Set(parameters, "@n", Name);
        Set(parameters, "@o", Operation);
        Set(parameters, "@c", ConfigJson);
        Set(parameters, "@k", TaskCount);
        Set(parameters, "@r", MaxRetries);
        Set(parameters, "@t", CreatedAt);
        Set(parameters, "@i", Key?.Key);
        Set(parameters, "@h", Key?.RequestSha256);
    }
}

/// <summary>A job's new status at <see cref="At"/> (its start or end time follows), keeping an earlier error unless given one.</summary>
internal sealed record SetJobStatus(string JobId, JobStatus Status, long At, string? Error = null) : StoreWrite
{
    public override string Sql => """
        UPDATE jobs SET state = @s, error = COALESCE(@e, error),
            started_at = CASE WHEN @s = 'running' AND started_at IS NULL THEN @t ELSE started_at END,
            finished_at = CASE WHEN @s IN ('completed', 'failed', 'cancelled') THEN @t ELSE finished_at END
        WHERE id = @j;
        """;

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@j", JobId);
        Set(parameters, "@s", Status.Name());
        Set(parameters, "@e", Error);
        Set(parameters, "@t", At);
    }
}

/// <summary>
/// A failed or cancelled job is retried: pending again, its error and end time cleared; its cancelled
/// tasks pending (completed ones stay completed, with their results); its attempt base the most
/// attempts any unfinished task has had, so each gets a fresh budget. Its map outputs are forgotten:
/// the workers deleted them when the job ended, so its completed map tasks run again.
/// </summary>
internal sealed record ReopenJob(string JobId) : StoreWrite
{
    public override string Sql => """
        UPDATE jobs SET state = 'pending', error = NULL, finished_at = NULL,
            attempt_base = (SELECT COALESCE(MAX(attempts), 0) FROM tasks WHERE job_id = @j AND state <> 'completed')
        WHERE id = @j AND state IN ('failed', 'cancelled');
        UPDATE tasks SET state = 'pending', error = NULL WHERE job_id = @j AND state = 'cancelled';
        DELETE FROM map_outputs WHERE job_id = @j;
        """;

    public override void Bind(DbParameterCollection parameters) => Set(parameters, "@j", JobId);
}

/// <summary>A job's completions accepted in one batch (written by the store itself after the batch's writes).</summary>
internal sealed record AddDone(string JobId, int Count) : StoreWrite
{
    public override string Sql => "UPDATE jobs SET done_count = done_count + @n WHERE id = @j;";

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@j", JobId);
        Set(parameters, "@n", Count);
    }
}

/// <summary>A worker's row: address (kept when null), capacity, leases held, status and metrics (kept when null).</summary>
internal sealed record UpsertWorker(string WorkerId, string? Address, int MaxTasks, int ActiveTasks, string Status, string? Metrics, long At)
    : StoreWrite
{
    public override string Sql => """
        INSERT INTO workers (id, address, max_tasks, status, active_tasks, metrics, registered_at, last_heartbeat)
        VALUES (@w, @d, @m, @s, @a, @x, @t, @t)
        ON CONFLICT (id) DO UPDATE SET address = COALESCE(excluded.address, workers.address), max_tasks = excluded.max_tasks,
            status = excluded.status, active_tasks = excluded.active_tasks, metrics = COALESCE(excluded.metrics, workers.metrics),
            last_heartbeat = excluded.last_heartbeat;
        """;

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@w", WorkerId);
        Set(parameters, "@d", Address);
        Set(parameters, "@m", MaxTasks);
        Set(parameters, "@s", Status);
        Set(parameters, "@a", ActiveTasks);
        Set(parameters, "@x", Metrics);
        Set(parameters, "@t", At);
    }
}
