using Microsoft.Data.Sqlite;

namespace DistSys.Jobs.Storage;

/// <summary>
/// One write for the store, applied in order within its batch's transaction. Each case is its own
/// record that owns its statement and binds its own fields, so no field changes meaning by a kind.
/// </summary>
internal abstract record StoreWrite
{
    /// <summary>The statement; its <c>$name</c> parameters are the ones <see cref="Bind"/> sets.</summary>
    public abstract string Sql { get; }

    public abstract void Bind(SqliteParameterCollection parameters);

    protected static void Set(SqliteParameterCollection parameters, string name, object? value) =>
        parameters[name].Value = value ?? DBNull.Value;
}
