using Microsoft.Data.Sqlite;

namespace DistSys.Host.Jobs.Storage;

/// <summary>Applying a batch: prepared statements, one transaction per batch.</summary>
internal sealed partial class JobStore
{
    private const string ClaimSql = """
        INSERT INTO tasks (job_id, idx, state, attempts, worker_id, lease_expires) VALUES ($j, $i, 'running', $a, $w, $x)
        ON CONFLICT (job_id, idx) DO UPDATE SET state = 'running', attempts = excluded.attempts,
            worker_id = excluded.worker_id, lease_expires = excluded.lease_expires, error = NULL
        WHERE tasks.state = 'pending';
        INSERT OR REPLACE INTO attempts (job_id, idx, attempt, worker_id, started_at) VALUES ($j, $i, $a, $w, $t);
        """;

    // The guard is the lease: only the holder's running attempt completes, so a second completion,
    // or one from a worker whose lease was revoked, changes nothing and the result is not stored.
    private const string CompleteSql = """
        UPDATE tasks SET state = 'completed', lease_expires = NULL
        WHERE job_id = $j AND idx = $i AND state = 'running' AND attempts = $a AND worker_id = $w;
        INSERT OR IGNORE INTO results (job_id, idx, value) SELECT $j, $i, $v WHERE changes() = 1;
        UPDATE jobs SET done_count = done_count + 1 WHERE id = $j AND changes() = 1;
        UPDATE attempts SET ended_at = $t, outcome = 'completed' WHERE job_id = $j AND idx = $i AND attempt = $a AND changes() = 1;
        """;

    private const string ReleaseSql = """
        UPDATE tasks SET state = $s, worker_id = NULL, lease_expires = NULL, error = $e
        WHERE job_id = $j AND idx = $i AND state = 'running' AND attempts = $a;
        UPDATE attempts SET ended_at = $t, outcome = $o, error = $e WHERE job_id = $j AND idx = $i AND attempt = $a;
        """;

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

    private readonly Dictionary<StoreOpKind, SqliteCommand> _commands = [];

    /// <summary>Applies every op of <paramref name="batch"/> in one transaction.</summary>
    public void Apply(StoreBatch batch)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var op in batch.Ops)
        {
            var command = CommandFor(op.Kind);
            command.Transaction = transaction;
            Bind(command, op);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Bind(SqliteCommand command, in StoreOp op)
    {
        var p = command.Parameters;
        p["$j"].Value = op.JobId;
        switch (op.Kind)
        {
            case StoreOpKind.InsertJob:
                p["$q"].Value = op.Extra;
                p["$n"].Value = op.Text;
                p["$o"].Value = op.Worker;
                p["$c"].Value = op.State;
                p["$k"].Value = op.Index;
                p["$r"].Value = op.Attempt;
                p["$t"].Value = op.Time;
                break;
            case StoreOpKind.Claim:
                Task(p, op);
                p["$w"].Value = op.Worker;
                p["$x"].Value = op.Extra;
                break;
            case StoreOpKind.Complete:
                Task(p, op);
                p["$w"].Value = op.Worker;
                p["$v"].Value = op.Text;
                break;
            case StoreOpKind.Release:
                Task(p, op);
                p["$s"].Value = op.State;
                p["$e"].Value = (object?)op.Text ?? DBNull.Value;
                p["$o"].Value = op.Text2;
                break;
            case StoreOpKind.JobState:
                p["$s"].Value = op.State;
                p["$e"].Value = (object?)op.Text ?? DBNull.Value;
                p["$t"].Value = op.Time;
                break;
            case StoreOpKind.Worker:
                p["$w"].Value = op.Worker;
                p["$d"].Value = (object?)op.Text ?? DBNull.Value;
                p["$m"].Value = op.Index;
                p["$a"].Value = op.Attempt;
                p["$s"].Value = op.State;
                p["$x"].Value = (object?)op.Text2 ?? DBNull.Value;
                p["$t"].Value = op.Time;
                break;
        }
    }

    private static void Task(SqliteParameterCollection p, in StoreOp op)
    {
        p["$i"].Value = op.Index;
        p["$a"].Value = op.Attempt;
        p["$t"].Value = op.Time;
    }

    private SqliteCommand CommandFor(StoreOpKind kind)
    {
        if (_commands.TryGetValue(kind, out var command))
        {
            return command;
        }

        var (sql, names) = kind switch
        {
            StoreOpKind.InsertJob => (InsertJobSql, "$q $j $n $o $c $k $r $t"),
            StoreOpKind.Claim => (ClaimSql, "$j $i $a $w $x $t"),
            StoreOpKind.Complete => (CompleteSql, "$j $i $a $w $v $t"),
            StoreOpKind.Release => (ReleaseSql, "$j $i $a $s $e $o $t"),
            StoreOpKind.JobState => (JobStateSql, "$j $s $e $t"),
            _ => (WorkerSql, "$j $w $d $m $a $s $x $t"),
        };
        command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names.Split(' '))
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        _commands[kind] = command;
        return command;
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
