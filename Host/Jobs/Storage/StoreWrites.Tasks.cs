using System.Data.Common;

namespace DistSys.Jobs.Storage;

/// <summary>A pending task claimed for <see cref="WorkerId"/> as <see cref="Attempt"/>, leased until <see cref="LeaseExpires"/>.</summary>
internal sealed record ClaimTask(string JobId, int Index, int Attempt, string WorkerId, long ClaimedAt, long LeaseExpires) : StoreWrite
{
    public override string Sql => """
        INSERT INTO tasks (job_id, idx, state, attempts, worker_id, claimed_at, lease_expires) VALUES (@j, @i, 'running', @a, @w, @t, @x)
        ON CONFLICT (job_id, idx) DO UPDATE SET state = 'running', attempts = excluded.attempts, worker_id = excluded.worker_id,
            claimed_at = excluded.claimed_at, lease_expires = excluded.lease_expires, error = NULL
        WHERE tasks.state = 'pending';
        """;

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@j", JobId);
        Set(parameters, "@i", Index);
        Set(parameters, "@a", Attempt);
        Set(parameters, "@w", WorkerId);
        Set(parameters, "@t", ClaimedAt);
        Set(parameters, "@x", LeaseExpires);
    }
}

/// <summary>
/// The lease holder's attempt completed with <see cref="Result"/>. The guard is the lease: only the
/// holder's running attempt completes, so a second completion, or one from a worker whose lease was
/// revoked, changes no row and its result is not stored. <see cref="WithClaim"/>: the claim was in the
/// same batch (a trivial task usually finishes before its claim is committed), so claim and completion
/// are one statement under the claim's own guard (only a pending task).
/// </summary>
internal sealed record CompleteTask(string JobId, int Index, int Attempt, string WorkerId, string Result, long CompletedAt, long ClaimedAt, bool WithClaim = false)
    : StoreWrite
{
    /// <summary>Stored only when <see cref="Sql"/> changed a row.</summary>
    public const string ResultSql = $"""
        INSERT INTO results (job_id, idx, value) VALUES (@j, @i, @v) ON CONFLICT DO NOTHING;
        INSERT INTO attempts (job_id, idx, attempt, worker_id, started_at, ended_at, outcome) VALUES (@j, @i, @a, @w, @x, @t, 'completed')
        {UpsertAttempt};
        """;

    /// <summary>A shuffled job's map task: not a result, but where its output is (see <see cref="MapOutput"/>).</summary>
    public const string MapOutputSql = $"""
        INSERT INTO map_outputs (job_id, idx, attempt, server_node, server_incarnation, server_id, buckets) VALUES (@j, @i, @a, @n, @c, @s, @v)
        ON CONFLICT (job_id, idx) DO UPDATE SET attempt = excluded.attempt, server_node = excluded.server_node,
            server_incarnation = excluded.server_incarnation, server_id = excluded.server_id, buckets = excluded.buckets;
        INSERT INTO attempts (job_id, idx, attempt, worker_id, started_at, ended_at, outcome) VALUES (@j, @i, @a, @w, @x, @t, 'completed')
        {UpsertAttempt};
        """;

    /// <summary>For a map task of a shuffled job: the shuffle server holding its output.</summary>
    public DistSys.Runtime.Pid? MapOutput { get; init; }

    public override string Sql => WithClaim
        ? """
          INSERT INTO tasks (job_id, idx, state, attempts, worker_id, claimed_at) VALUES (@j, @i, 'completed', @a, @w, @x)
          ON CONFLICT (job_id, idx) DO UPDATE SET state = 'completed', attempts = excluded.attempts, worker_id = excluded.worker_id,
              claimed_at = excluded.claimed_at, lease_expires = NULL, error = NULL
          WHERE tasks.state = 'pending';
          """
        : """
          UPDATE tasks SET state = 'completed', lease_expires = NULL
          WHERE job_id = @j AND idx = @i AND state = 'running' AND attempts = @a AND worker_id = @w;
          """;

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@j", JobId);
        Set(parameters, "@i", Index);
        Set(parameters, "@a", Attempt);
        Set(parameters, "@w", WorkerId);
        if (parameters.Contains("@v"))
        {
            Set(parameters, "@v", Result);
            Set(parameters, "@t", CompletedAt);
        }

        if (parameters.Contains("@n") && MapOutput is { } server)
        {
            Set(parameters, "@n", server.Node);
            Set(parameters, "@c", server.Incarnation);
            Set(parameters, "@s", server.Id);
        }

        if (parameters.Contains("@x"))
        {
            Set(parameters, "@x", ClaimedAt);
        }
    }
}

/// <summary>A running attempt ended without a result (<see cref="Outcome"/>, <see cref="Error"/>); the task moves to <see cref="Next"/>.</summary>
internal sealed record ReleaseTask(
    string JobId, int Index, int Attempt, string? WorkerId, AttemptOutcome Outcome, string? Error, StoredTaskState Next, long EndedAt, long ClaimedAt)
    : StoreWrite
{
    public override string Sql => $"""
        UPDATE tasks SET state = @s, worker_id = NULL, lease_expires = NULL, error = @e
        WHERE job_id = @j AND idx = @i AND state = 'running' AND attempts = @a;
        INSERT INTO attempts (job_id, idx, attempt, worker_id, started_at, ended_at, outcome, error)
        VALUES (@j, @i, @a, @w, @x, @t, @o, @e)
        {UpsertAttempt};
        """;

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@j", JobId);
        Set(parameters, "@i", Index);
        Set(parameters, "@a", Attempt);
        Set(parameters, "@w", WorkerId);
        Set(parameters, "@s", Next.Name());
        Set(parameters, "@e", Error);
        Set(parameters, "@o", Outcome.Name());
        Set(parameters, "@t", EndedAt);
        Set(parameters, "@x", ClaimedAt);
    }
}

/// <summary>
/// A shuffled job's completed map task runs again: its output was lost with its worker. The task is
/// pending, its output forgotten and the job's done count one lower.
/// </summary>
internal sealed record ReopenTask(string JobId, int Index) : StoreWrite
{
    public override string Sql => """
        UPDATE jobs SET done_count = done_count - 1
        WHERE id = @j AND EXISTS (SELECT 1 FROM tasks WHERE job_id = @j AND idx = @i AND state = 'completed');
        UPDATE tasks SET state = 'pending', worker_id = NULL, lease_expires = NULL WHERE job_id = @j AND idx = @i AND state = 'completed';
        DELETE FROM map_outputs WHERE job_id = @j AND idx = @i;
        """;

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@j", JobId);
        Set(parameters, "@i", Index);
    }
}

/// <summary>The result of a completed task written as a part file (it is larger than <see cref="PartFiles.InlineBytes"/>): its description.</summary>
internal sealed record CompletePart(string JobId, int Index, int Attempt, string WorkerId, PartInfo Part, long CompletedAt, long ClaimedAt) : StoreWrite
{
    public override string Sql => $"""
        INSERT INTO parts (job_id, idx, attempt, worker_id, kind, bytes, lines, sha256) VALUES (@j, @i, @a, @w, @k, @b, @l, @h) ON CONFLICT DO NOTHING;
        INSERT INTO attempts (job_id, idx, attempt, worker_id, started_at, ended_at, outcome) VALUES (@j, @i, @a, @w, @x, @t, 'completed')
        {UpsertAttempt};
        """;

    public override void Bind(DbParameterCollection parameters)
    {
        Set(parameters, "@j", JobId);
        Set(parameters, "@i", Index);
        Set(parameters, "@a", Attempt);
        Set(parameters, "@w", WorkerId);
        Set(parameters, "@k", Part.Kind);
        Set(parameters, "@b", Part.Bytes);
        Set(parameters, "@l", Part.Lines);
        Set(parameters, "@h", Part.Sha256);
        Set(parameters, "@t", CompletedAt);
        Set(parameters, "@x", ClaimedAt);
    }
}
