using Npgsql;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The PostgreSQL schema, one step per version, recorded in <c>schema_version</c>. Each step runs in
/// its own transaction with its version bump under an advisory lock, so masters starting together
/// on an empty database migrate it once. Add a step to the end; never edit a released one.
/// </summary>
internal static class PostgresMigrations
{
    // Any constant: it names the lock every master takes while it migrates.
    private const long LockKey = 0x44697374537973;

    private static readonly string[] s_steps =
    [
        // 1: the SQLite store's schema at its version 3, with PostgreSQL's types. Times are Unix milliseconds (UTC).
        """
        CREATE TABLE workers (
            id TEXT PRIMARY KEY, address TEXT, max_tasks INTEGER NOT NULL, status TEXT NOT NULL,
            active_tasks INTEGER NOT NULL DEFAULT 0, metrics TEXT, registered_at BIGINT NOT NULL, last_heartbeat BIGINT);
        CREATE TABLE jobs (
            seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL,
            operation TEXT NOT NULL, config TEXT NOT NULL, state TEXT NOT NULL, task_count INTEGER NOT NULL,
            done_count INTEGER NOT NULL DEFAULT 0, max_retries INTEGER NOT NULL, error TEXT,
            created_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT);
        CREATE TABLE tasks (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
            worker_id TEXT, claimed_at BIGINT, lease_expires BIGINT, error TEXT,
            PRIMARY KEY (job_id, idx));
        CREATE TABLE attempts (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, attempt INTEGER NOT NULL, worker_id TEXT,
            started_at BIGINT, ended_at BIGINT, outcome TEXT, error TEXT,
            PRIMARY KEY (job_id, idx, attempt));
        CREATE TABLE results (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (job_id, idx));
        CREATE TABLE map_outputs (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, attempt INTEGER NOT NULL,
            server_node INTEGER NOT NULL, server_incarnation INTEGER NOT NULL, server_id BIGINT NOT NULL, buckets TEXT NOT NULL,
            PRIMARY KEY (job_id, idx));
        CREATE TABLE parts (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, attempt INTEGER NOT NULL, worker_id TEXT,
            kind TEXT NOT NULL, bytes BIGINT NOT NULL, lines BIGINT NOT NULL, sha256 TEXT NOT NULL,
            PRIMARY KEY (job_id, idx));
        """,

        // 2: leader election (LeaderLease). The lease row is renewed by its holder; the fence row changes
        // only on a takeover, and every write transaction holds it FOR SHARE, so a takeover waits for the
        // old leader's batch in flight and every later batch of the old leader sees the new epoch and is refused.
        // Two rows, so a renewal never waits behind a batch. Expiry is the database's clock: masters' clocks may differ.
        """
        CREATE TABLE leader_lease (
            name TEXT PRIMARY KEY, epoch BIGINT NOT NULL, holder TEXT, address TEXT,
            expires_at TIMESTAMPTZ NOT NULL);
        CREATE TABLE leader_fence (name TEXT PRIMARY KEY, epoch BIGINT NOT NULL);
        INSERT INTO leader_lease (name, epoch, expires_at) VALUES ('master', 0, '-infinity');
        INSERT INTO leader_fence (name, epoch) VALUES ('master', 0);
        """,

        // 3: a retried job's attempt base (JobRun.AttemptBase): its unfinished tasks' budget of attempts starts there.
        """
        ALTER TABLE jobs ADD COLUMN attempt_base INTEGER NOT NULL DEFAULT 0;
        """,

        // 4: a submit's Idempotency-Key and the SHA-256 of its body (docs/api.md): a repeat finds its job, on any master.
        """
        ALTER TABLE jobs ADD COLUMN idempotency_key TEXT;
        ALTER TABLE jobs ADD COLUMN request_sha256 TEXT;
        CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
        """,

        // 5: every master on the store, as it last said it was there (a standby at each try for the lease),
        // so the status can list the standbys; the database's clock, as for the lease.
        """
        CREATE TABLE masters (holder TEXT PRIMARY KEY, address TEXT NOT NULL, last_seen TIMESTAMPTZ NOT NULL);
        """,
    ];

    /// <summary>The version a fully migrated database has.</summary>
    public static int Latest => s_steps.Length;

    public static void Apply(NpgsqlConnection connection)
    {
        for (var step = 0; step < Latest; step++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, $"SELECT pg_advisory_xact_lock({LockKey}); CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
            var version = Version(connection);
            if (version > Latest)
            {
                throw new InvalidOperationException($"the job database is at schema version {version}, newer than this build's {Latest}");
            }

            if (version <= step)
            {
                Execute(connection, $"{s_steps[step]}\nDELETE FROM schema_version; INSERT INTO schema_version VALUES ({step + 1});");
            }

            transaction.Commit();
        }
    }

    public static int Version(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version;", connection);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
