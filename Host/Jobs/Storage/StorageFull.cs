using Microsoft.Data.Sqlite;
using Npgsql;

namespace DistSys.Jobs.Storage;

/// <summary>
/// Running out of space, told apart from every other store error: a write that fails for want of space is
/// kept and retried (docs/jobs.md, "Storage full"), where any other failure restarts the scheduler from
/// what is durable.
/// </summary>
internal static class StorageFull
{
    private const int SqliteFull = 13;        // SQLITE_FULL
    private const string PostgresDiskFull = "53100";
    private const int NoSpace = 28;           // ENOSPC, the HResult .NET gives the IOException on Linux

    public static bool Is(Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: SqliteFull } => true,
        PostgresException { SqlState: PostgresDiskFull } => true,
        IOException io when io.HResult == NoSpace || io.Message.Contains("No space left", StringComparison.Ordinal) => true,
        _ => ex.InnerException is { } inner && Is(inner),
    };
}
