namespace DistSys.Host.Jobs.Storage;

/// <summary>
/// Writes gathered by the scheduler and applied by the <see cref="StoreWriter"/> in one
/// transaction, in order. <see cref="AfterPersist"/> is the scheduler's own: what it may only do
/// once these writes are durable (answer a submit, show a job as completed).
/// </summary>
internal sealed class StoreBatch
{
    public List<StoreOp> Ops { get; } = [];

    public List<object> AfterPersist { get; } = [];

    public int Count => Ops.Count;

    public void Add(in StoreOp op) => Ops.Add(op);
}

/// <summary>The writer's answer: <see cref="Batch"/> is committed.</summary>
internal sealed record BatchPersisted(StoreBatch Batch);
