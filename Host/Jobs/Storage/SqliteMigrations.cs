using Microsoft.Data.Sqlite;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The schema, one step per version. PRAGMA user_version records how far a database has come;
/// each step runs in its own transaction with the version bump, so a crash mid-upgrade leaves the
/// previous version intact. Add a step to the end; never edit a released one.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly string[] s_steps =
    [
        // 1: the seed's entities. Times are Unix milliseconds (UTC).
        """
        CREATE TABLE workers (
            id TEXT PRIMARY KEY, address TEXT, max_tasks INTEGER NOT NULL, status TEXT NOT NULL,
            active_tasks INTEGER NOT NULL DEFAULT 0, metrics TEXT, registered_at INTEGER NOT NULL, last_heartbeat INTEGER);
        CREATE TABLE jobs (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL,
            operation TEXT NOT NULL, config TEXT NOT NULL, state TEXT NOT NULL, task_count INTEGER NOT NULL,
            done_count INTEGER NOT NULL DEFAULT 0, max_retries INTEGER NOT NULL, error TEXT,
            created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER);
        CREATE TABLE tasks (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
            worker_id TEXT, claimed_at INTEGER, lease_expires INTEGER, error TEXT,
            PRIMARY KEY (job_id, idx)) WITHOUT ROWID;
        CREATE TABLE attempts (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, attempt INTEGER NOT NULL, worker_id TEXT,
            started_at INTEGER, ended_at INTEGER, outcome TEXT, error TEXT,
            PRIMARY KEY (job_id, idx, attempt)) WITHOUT ROWID;
        CREATE TABLE results (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, value TEXT NOT NULL,
            PRIMARY KEY (job_id, idx)) WITHOUT ROWID;
        """,

        // 2: where a shuffled job's completed map tasks left their outputs (the worker's shuffle
        // server and the attempt), so a restarted master can hand its reduce tasks out again.
        """
        CREATE TABLE map_outputs (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, attempt INTEGER NOT NULL,
            server_node INTEGER NOT NULL, server_incarnation INTEGER NOT NULL, server_id INTEGER NOT NULL, buckets TEXT NOT NULL,
            PRIMARY KEY (job_id, idx)) WITHOUT ROWID;
        """,

        // 3: results written as part files (PartFiles): the store keeps what they are, not their bytes.
        """
        CREATE TABLE parts (
            job_id TEXT NOT NULL, idx INTEGER NOT NULL, attempt INTEGER NOT NULL, worker_id TEXT,
            kind TEXT NOT NULL, bytes INTEGER NOT NULL, lines INTEGER NOT NULL, sha256 TEXT NOT NULL,
            PRIMARY KEY (job_id, idx)) WITHOUT ROWID;
        """,

        // 4: a retried job's attempt base (JobRun.AttemptBase): its unfinished tasks' budget of attempts starts there.
        """
        ALTER TABLE jobs ADD COLUMN attempt_base INTEGER NOT NULL DEFAULT 0;
        """,

        // 5: a submit's Idempotency-Key and the SHA-256 of its body (docs/api.md): a repeat finds its job.
        """
        ALTER TABLE jobs ADD COLUMN idempotency_key TEXT;
        ALTER TABLE jobs ADD COLUMN request_sha256 TEXT;
        CREATE UNIQUE INDEX jobs_idempotency_key ON jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
        """,
    ];

    /// <summary>The version a fully migrated database has.</summary>
    public static int Latest => s_steps.Length;

    public static void Apply(SqliteConnection connection)
    {
        var version = Version(connection);
        if (version > Latest)
        {
            throw new InvalidOperationException($"the job database is at schema version {version}, newer than this build's {Latest}");
        }

        for (var step = version; step < Latest; step++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"{s_steps[step]}\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public static int Version(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
