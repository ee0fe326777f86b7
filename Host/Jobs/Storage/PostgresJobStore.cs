using System.Data.Common;
using Npgsql;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The shared store: a PostgreSQL database that several masters point at (<c>--store</c>), one of them
/// leading (<see cref="LeaderLease"/>). Every write transaction is fenced: it first reads the fence row
/// FOR SHARE and is refused (<see cref="StoreFencedException"/>, rolled back) unless the epoch there is
/// <see cref="Epoch"/>, the one this master won. Every result stays in its row (PostgreSQL keeps large
/// values out of line by itself): a part file would sit on one master's disk, out of the others' reach.
/// </summary>
internal sealed class PostgresJobStore : JobStore
{
    private readonly NpgsqlDataSource _dataSource;
    private NpgsqlCommand? _fence;
    private long _epoch;

    private PostgresJobStore(NpgsqlDataSource dataSource, NpgsqlConnection connection, string description, string outputDirectory)
        : base(connection, new PartFiles(outputDirectory), int.MaxValue)
    {
        _dataSource = dataSource;
        Description = description;
    }

    /// <summary>How long the writer may sit idle inside a transaction before the server ends its session.</summary>
    public static readonly TimeSpan WriterIdleLimit = TimeSpan.FromSeconds(1);

    public override string Description { get; }

    /// <summary>The leader epoch this store writes under (0 until a lease is won; the fence row starts at 0).</summary>
    public long Epoch
    {
        get => Volatile.Read(ref _epoch);
        set => Volatile.Write(ref _epoch, value);
    }

    /// <summary>Opens the database named by <paramref name="connectionString"/> and brings its schema up to date.</summary>
    public static PostgresJobStore Open(string connectionString, string outputDirectory)
    {
        var dataSource = DataSource(connectionString);
        var connection = dataSource.OpenConnection();
        try
        {
            PostgresMigrations.Apply(connection);

            // A batch's statements follow each other within microseconds. A writer idle inside its
            // transaction for a second is a master that hangs (SIGSTOP, a stalled VM) while it holds the
            // fence row: the server ends its session, so a standby's takeover never waits on it for longer.
            using var limit = new NpgsqlCommand($"SET idle_in_transaction_session_timeout = {(long)WriterIdleLimit.TotalMilliseconds};", connection);
            limit.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            dataSource.Dispose();
            throw;
        }

        return new PostgresJobStore(dataSource, connection, Describe(connectionString), outputDirectory);
    }

    /// <summary>A pool for <paramref name="connectionString"/>, with statements prepared on the server once they repeat.</summary>
    public static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }

        return NpgsqlDataSource.Create(builder);
    }

    /// <summary>Server and database of a connection string, for logs: never its password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    public override DbConnection OpenReader() => _dataSource.OpenConnection();

    protected override void Fence(DbConnection connection, DbTransaction transaction)
    {
        _fence ??= new NpgsqlCommand("SELECT epoch FROM leader_fence WHERE name = 'master' FOR SHARE;", (NpgsqlConnection)connection);
        var epoch = (long)_fence.ExecuteScalar()!;
        if (epoch != Epoch)
        {
            throw new StoreFencedException($"write refused: the store's leader epoch is {epoch}, this master's {Epoch}");
        }
    }

    protected override void DisposeStore()
    {
        _fence?.Dispose();
        _dataSource.Dispose();
    }
}
