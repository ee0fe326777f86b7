using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The embedded store: a SQLite database (WAL, synchronous=NORMAL) in the master's data directory,
/// versioned with PRAGMA user_version (see <see cref="SqliteMigrations"/>). One master at a time.
/// </summary>
internal sealed class SqliteJobStore : JobStore
{
    public const string FileName = "jobs.db";

    private readonly string _connectionString;

    private SqliteJobStore(SqliteConnection connection, string connectionString, string path, string outputDirectory)
        : base(connection, new PartFiles(outputDirectory), PartFiles.InlineBytes)
    {
        Path = path;
        _connectionString = connectionString;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override string Description => Path;

    public override long? FreeBytes
    {
        get
        {
            try
            {
                // statvfs of the file system the database lives on (DriveInfo takes any path on Unix).
                return new DriveInfo(System.IO.Path.GetDirectoryName(Path)!).AvailableFreeSpace;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="dataDirectory"/> and brings its schema up
    /// to date; part files go to <paramref name="outputDirectory"/> (default: <c>outputs</c> in it).
    /// </summary>
    public static SqliteJobStore Open(string dataDirectory, string? outputDirectory = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        TightenExisting(path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }

        SqliteMigrations.Apply(connection);
        return new SqliteJobStore(connection, connectionString, path, outputDirectory ?? System.IO.Path.Combine(dataDirectory, "outputs"));
    }

    public override DbConnection OpenReader()
    {
        var reader = new SqliteConnection(_connectionString);
        reader.Open();
        using var pragma = reader.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=10000;";
        pragma.ExecuteNonQuery();
        return reader;
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
}
