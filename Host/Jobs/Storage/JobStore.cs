using Microsoft.Data.Sqlite;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The master's SQLite database (WAL) in its data directory: workers, jobs, tasks, attempts and
/// results. One connection writes (the <see cref="StoreWriter"/> process, batch by batch); readers
/// open their own connections. The schema is versioned with PRAGMA user_version (see <see cref="Migrations"/>).
/// </summary>
internal sealed partial class JobStore : IDisposable
{
    public const string FileName = "jobs.db";

    private readonly SqliteConnection _connection;

    // The write connection is used by one writer at a time, but after a supervisor restart the new
    // scheduler's recovery may start while the old writer finishes its last batch: this keeps them apart.
    private readonly Lock _gate = new();
    private readonly string _connectionString;

    private JobStore(string path, string outputDirectory)
    {
        Path = path;
        Parts = new PartFiles(outputDirectory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _connection = new SqliteConnection(_connectionString);
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;");
        Migrations.Apply(_connection);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Where results too large for a row are written, one part file per task.</summary>
    public PartFiles Parts { get; }

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="dataDirectory"/> and brings its schema up
    /// to date; part files go to <paramref name="outputDirectory"/> (default: <c>outputs</c> in it).
    /// </summary>
    public static JobStore Open(string dataDirectory, string? outputDirectory = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        TightenExisting(path);
        return new JobStore(path, outputDirectory ?? System.IO.Path.Combine(dataDirectory, "outputs"));
    }

    // The store holds the text of job inputs; a database left 0644 by an older build is made 0600
    // (new files are 0600 through the node's umask, see ProcessUmask).
    private static void TightenExisting(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) != 0)
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    /// <summary>A new connection for reading (results, listings) off the writer's path.</summary>
    public SqliteConnection OpenReader()
    {
        var reader = new SqliteConnection(_connectionString);
        reader.Open();
        using var pragma = reader.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=10000;";
        pragma.ExecuteNonQuery();
        return reader;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            DisposeCommands();
            _connection.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
