using Microsoft.Data.Sqlite;

namespace DistSys.Streams.Storage;

/// <summary>
/// The streaming service's SQLite database (WAL) in the master's data directory: topologies, the
/// acknowledged offset of each source, and the events of collect sinks (the newest of each, by its
/// retention). One connection writes, under a lock (collect sinks commit from their own processes);
/// readers open their own.
/// </summary>
internal sealed partial class StreamStore : IDisposable
{
    public const string FileName = "streams.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS streams(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, topology TEXT NOT NULL,
            status TEXT NOT NULL, created_at INTEGER NOT NULL, stopped_at INTEGER, error TEXT);
        CREATE TABLE IF NOT EXISTS stream_sources(job TEXT NOT NULL, node TEXT NOT NULL, acked INTEGER NOT NULL, emitted INTEGER NOT NULL,
            replayed INTEGER NOT NULL, PRIMARY KEY(job, node)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS stream_collected_batches(job TEXT NOT NULL, node TEXT NOT NULL, first INTEGER NOT NULL, count INTEGER NOT NULL,
            events BLOB NOT NULL, PRIMARY KEY(job, node, first));
        DROP TABLE IF EXISTS stream_collected;
        PRAGMA user_version=2;
        """;

    private readonly SqliteConnection _connection;
    private readonly string _connectionString;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Job, string Node), long> _nextCollected = [];

    private StreamStore(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _connection = new SqliteConnection(_connectionString);
        _connection.Open();
        Execute(_connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
        Execute(_connection, Schema);
    }

    /// <summary>Opens (creating if needed) the store in <paramref name="directory"/>.</summary>
    public static StreamStore Open(string directory)
    {
        Directory.CreateDirectory(directory);
        return new StreamStore(Path.Combine(directory, FileName));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }

    private SqliteConnection OpenReader()
    {
        var reader = new SqliteConnection(_connectionString);
        reader.Open();
        return reader;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
