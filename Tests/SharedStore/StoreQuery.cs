using Microsoft.Data.Sqlite;

namespace DistSys.Tests.Shared;

/// <summary>
/// Reads a running master's SQLite job store from a test, read-only beside it (WAL allows it). Linked into the
/// test projects that run real masters (not in Shared/: most test projects have no SQLite).
/// </summary>
internal static class StoreQuery
{
    /// <summary>One number: the first column of the first row of <paramref name="sql"/>.</summary>
    public static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
