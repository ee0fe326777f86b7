using System.Data.Common;

namespace DistSys.Jobs.Storage;

/// <summary>
/// One write for the store, applied in order within its batch's transaction. Each case is its own
/// record that owns its statement and binds its own fields, so no field changes meaning by a kind.
/// The statements are in the SQL that SQLite and PostgreSQL both accept (upserts as
/// <c>ON CONFLICT … DO UPDATE</c>, <c>@name</c> parameters), so both stores run the same text.
/// </summary>
internal abstract record StoreWrite
{
    /// <summary>An attempt's row, written or replaced: how each attempt ended, once per (job, task, attempt).</summary>
    public const string UpsertAttempt = """
        ON CONFLICT (job_id, idx, attempt) DO UPDATE SET worker_id = excluded.worker_id, started_at = excluded.started_at,
            ended_at = excluded.ended_at, outcome = excluded.outcome, error = excluded.error
        """;

    /// <summary>The statement; its <c>@name</c> parameters are the ones <see cref="Bind"/> sets.</summary>
    public abstract string Sql { get; }

    public abstract void Bind(DbParameterCollection parameters);

    protected static void Set(DbParameterCollection parameters, string name, object? value) =>
        parameters[name].Value = value ?? DBNull.Value;
}
