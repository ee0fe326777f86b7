using Microsoft.Data.Sqlite;

namespace DistSys.Host.Jobs.Storage;

/// <summary>Applying a batch: prepared statements, one transaction per batch.</summary>
internal sealed partial class JobStore
{
    private const string ClaimSql = """
        INSERT INTO tasks (job_id, idx, state, attempts, worker_id, claimed_at, lease_expires) VALUES ($j, $i, 'running', $a, $w, $t, $x)
        ON CONFLICT (job_id, idx) DO UPDATE SET state = 'running', attempts = excluded.attempts, worker_id = excluded.worker_id,
            claimed_at = excluded.claimed_at, lease_expires = excluded.lease_expires, error = NULL
        WHERE tasks.state = 'pending';
        """;

    // The guard is the lease: only the holder's running attempt completes, so a second completion,
    // or one from a worker whose lease was revoked, changes no row and its result is not stored.
    private const string CompleteSql = """
        UPDATE tasks SET state = 'completed', lease_expires = NULL
        WHERE job_id = $j AND idx = $i AND state = 'running' AND attempts = $a AND worker_id = $w;
        """;

    // The claim's own guard (only a pending task) and the completion in one statement.
    private const string ClaimAndCompleteSql = """
        INSERT INTO tasks (job_id, idx, state, attempts, worker_id, claimed_at) VALUES ($j, $i, 'completed', $a, $w, $x)
        ON CONFLICT (job_id, idx) DO UPDATE SET state = 'completed', attempts = excluded.attempts, worker_id = excluded.worker_id,
            claimed_at = excluded.claimed_at, lease_expires = NULL, error = NULL
        WHERE tasks.state = 'pending';
        """;

    private const string ResultSql = """
        INSERT OR IGNORE INTO results (job_id, idx, value) VALUES ($j, $i, $v);
        INSERT OR REPLACE INTO attempts (job_id, idx, attempt, worker_id, started_at, ended_at, outcome) VALUES ($j, $i, $a, $w, $x, $t, 'completed');
        """;

    private const string ReleaseSql = """
        UPDATE tasks SET state = $s, worker_id = NULL, lease_expires = NULL, error = $e
        WHERE job_id = $j AND idx = $i AND state = 'running' AND attempts = $a;
        INSERT OR REPLACE INTO attempts (job_id, idx, attempt, worker_id, started_at, ended_at, outcome, error)
        VALUES ($j, $i, $a, $w, $x, $t, $o, $e);
        """;

    private const string DoneSql = "UPDATE jobs SET done_count = done_count + $n WHERE id = $j;";

    private const string JobStateSql = """
        UPDATE jobs SET state = $s, error = COALESCE($e, error),
            started_at = CASE WHEN $s = 'running' AND started_at IS NULL THEN $t ELSE started_at END,
            finished_at = CASE WHEN $s IN ('completed', 'failed', 'cancelled') THEN $t ELSE finished_at END
        WHERE id = $j;
        """;

    private const string InsertJobSql = """
        INSERT INTO jobs (seq, id, name, type, operation, config, state, task_count, max_retries, created_at)
        VALUES ($q, $j, $n, 'batch', $o, $c, 'pending', $k, $r, $t);
        """;

    private const string WorkerSql = """
        INSERT INTO workers (id, address, max_tasks, status, active_tasks, metrics, registered_at, last_heartbeat)
        VALUES ($w, $d, $m, $s, $a, $x, $t, $t)
        ON CONFLICT (id) DO UPDATE SET address = COALESCE(excluded.address, address), max_tasks = excluded.max_tasks,
            status = excluded.status, active_tasks = excluded.active_tasks, metrics = COALESCE(excluded.metrics, metrics),
            last_heartbeat = excluded.last_heartbeat;
        """;

    private readonly Dictionary<string, SqliteCommand> _commands = [];
    private readonly Dictionary<string, int> _done = new(StringComparer.Ordinal);

    /// <summary>Applies every op of <paramref name="batch"/> in one transaction; each job's done_count grows by its accepted completions.</summary>
    public void Apply(StoreBatch batch)
    {
        lock (_gate)
        {
            ApplyLocked(batch);
        }
    }

    private void ApplyLocked(StoreBatch batch)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var op in batch.Ops)
        {
            switch (op.Kind)
            {
                case StoreOpKind.Complete or StoreOpKind.ClaimAndComplete:
                    if (Run(op.Kind == StoreOpKind.Complete ? CompleteSql : ClaimAndCompleteSql, transaction, op) == 1)
                    {
                        Run(ResultSql, transaction, op);
                        _done[op.JobId] = _done.GetValueOrDefault(op.JobId) + 1;
                    }

                    break;
                case StoreOpKind.Claim:
                    Run(ClaimSql, transaction, op);
                    break;
                case StoreOpKind.Release:
                    Run(ReleaseSql, transaction, op);
                    break;
                case StoreOpKind.JobState:
                    Run(JobStateSql, transaction, op);
                    break;
                case StoreOpKind.InsertJob:
                    Run(InsertJobSql, transaction, op);
                    break;
                case StoreOpKind.Worker:
                    Run(WorkerSql, transaction, op);
                    break;
            }
        }

        foreach (var (jobId, count) in _done)
        {
            Run(DoneSql, transaction, new StoreOp(StoreOpKind.JobState, jobId, Index: count));
        }

        _done.Clear();
        transaction.Commit();
    }

    private int Run(string sql, SqliteTransaction transaction, in StoreOp op)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in (string[])["$j", "$i", "$a", "$w", "$t", "$x", "$v", "$s", "$e", "$o", "$n", "$q", "$c", "$k", "$r", "$d", "$m"])
            {
                if (sql.Contains(name, StringComparison.Ordinal))
                {
                    command.Parameters.Add(new SqliteParameter(name, null));
                }
            }

            _commands[sql] = command;
        }

        command.Transaction = transaction;
        Bind(command.Parameters, op);
        return command.ExecuteNonQuery();
    }

    private static void Bind(SqliteParameterCollection parameters, in StoreOp op)
    {
        foreach (SqliteParameter p in parameters)
        {
            p.Value = p.ParameterName switch
            {
                "$j" => (object?)op.JobId,
                "$i" => op.Index,
                "$a" => op.Attempt,
                "$w" => op.Worker,
                "$t" => op.Time,
                "$x" => op.Kind == StoreOpKind.Worker ? op.Text2 : op.Extra,
                "$v" => op.Text,
                "$s" => op.State,
                "$e" => op.Text,
                "$o" => op.Kind == StoreOpKind.Release ? op.Text2 : op.Worker,
                "$n" => op.Kind == StoreOpKind.InsertJob ? op.Text : op.Index,
                "$q" => op.Extra,
                "$c" => op.State,
                "$k" => op.Index,
                "$r" => op.Attempt,
                "$d" => op.Text,
                _ => op.Index, // $m: max_tasks
            } ?? DBNull.Value;
        }
    }

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
