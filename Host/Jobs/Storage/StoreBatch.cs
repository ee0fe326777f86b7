namespace DistSys.Jobs.Storage;

/// <summary>
/// Writes gathered by the scheduler and applied by the <see cref="StoreWriter"/> in one
/// transaction, in order. <see cref="AfterPersist"/> is the scheduler's own: what it may only do
/// once these writes are durable (answer a submit, show a job as completed).
/// </summary>
internal sealed class StoreBatch
{
    // Where each task's claim sits in Writes, so its completion in the same batch can take its place.
    private readonly Dictionary<(string JobId, int Index), int> _claims = [];

    public List<StoreWrite> Writes { get; } = [];

    public List<object> AfterPersist { get; } = [];

    public int Count => Writes.Count;

    public void Add(StoreWrite write)
    {
        if (write is ClaimTask claim)
        {
            _claims[(claim.JobId, claim.Index)] = Writes.Count;
        }
        else if (write is CompleteTask complete && _claims.Remove((complete.JobId, complete.Index), out var at)
            && Writes[at] is ClaimTask claimed && claimed.Attempt == complete.Attempt)
        {
            Writes[at] = complete with { WithClaim = true };
            return;
        }

        Writes.Add(write);
    }
}

/// <summary>The writer's answer: <see cref="Batch"/> is committed.</summary>
internal sealed record BatchPersisted(StoreBatch Batch);
