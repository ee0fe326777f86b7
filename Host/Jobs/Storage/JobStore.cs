using System.Data.Common;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The master's store: workers, jobs, tasks, attempts and results. Two implementations share every
/// statement (written in the SQL both SQLite and PostgreSQL speak, <c>@name</c> parameters):
/// <see cref="SqliteJobStore"/>, the embedded default, and <see cref="PostgresJobStore"/>, which several
/// masters share for high availability and whose writes are fenced by the leader's epoch. One
/// connection writes (the <see cref="StoreWriter"/> process, batch by batch); readers open their own.
/// An abstract class rather than an interface because the statements, the batch logic and the
/// readers are one code; only opening, migrating and fencing differ.
/// </summary>
internal abstract partial class JobStore : IDisposable
{
    private readonly DbConnection _connection;

    // The write connection is used by one writer at a time, but after a supervisor restart the new
    // scheduler's recovery may start while the old writer finishes its last batch: this keeps them apart.
    private readonly Lock _gate = new();
    private string? _fullDetail;

    protected JobStore(DbConnection connection, PartFiles parts, int inlineBytes)
    {
        _connection = connection;
        Parts = parts;
        InlineBytes = inlineBytes;
    }

    /// <summary>Where the store is, for messages: a file, or a server and database (never a password).</summary>
    public abstract string Description { get; }

    /// <summary>Where results too large for a row are written, one part file per task.</summary>
    public PartFiles Parts { get; }

    /// <summary>Results longer than this (UTF-8 bytes of their JSON) are written as part files; the others stay in their row.</summary>
    public int InlineBytes { get; }

    /// <summary>A new connection for reading (results, listings) off the writer's path.</summary>
    public abstract DbConnection OpenReader();

    /// <summary>Bytes free where the store writes, or null where this node cannot tell (a database server).</summary>
    public virtual long? FreeBytes => null;

    /// <summary>While writes fail for want of space: what to tell a client; null once a write commits again.</summary>
    public string? FullDetail => Volatile.Read(ref _fullDetail);

    /// <summary>The writer's verdict on its last batch: refused for want of space (<paramref name="detail"/>) or committed (null).</summary>
    public void SetFull(string? detail) => Volatile.Write(ref _fullDetail, detail);

    public void Dispose()
    {
        lock (_gate)
        {
            DisposeCommands();
            _connection.Dispose();
            DisposeStore();
        }
    }

    /// <summary>
    /// Called first in every write transaction: throws <see cref="StoreFencedException"/> when this store
    /// may no longer write (another master leads with a newer epoch), so the transaction is rolled back.
    /// </summary>
    protected virtual void Fence(DbConnection connection, DbTransaction transaction)
    {
    }

    protected virtual void DisposeStore()
    {
    }

    /// <summary>Runs <paramref name="write"/> in one fenced transaction on the write connection.</summary>
    private void Write<TState>(TState state, Action<JobStore, DbTransaction, TState> write)
    {
        using var scope = _gate.EnterScope();
        using var transaction = _connection.BeginTransaction();
        Fence(_connection, transaction);
        write(this, transaction, state);
        transaction.Commit();
    }
}

/// <summary>A write refused because another master now leads the store (its epoch is newer than this one's).</summary>
internal sealed class StoreFencedException(string message) : Exception(message);
