namespace DistSys.Host.Jobs.Storage;

/// <summary>
/// Writes gathered by the scheduler and applied by the <see cref="StoreWriter"/> in one
/// transaction, in order. <see cref="AfterPersist"/> is the scheduler's own: what it may only do
/// once these writes are durable (answer a submit, show a job as completed).
/// </summary>
internal sealed class StoreBatch
{
    // Where each task's claim sits in Ops, so its completion in the same batch can take its place.
    private readonly Dictionary<(string JobId, int Index), int> _claims = [];

    public List<StoreOp> Ops { get; } = [];

    public List<object> AfterPersist { get; } = [];

    public int Count => Ops.Count;

    public void Add(in StoreOp op)
    {
        if (op.Kind == StoreOpKind.Claim)
        {
            _claims[(op.JobId, op.Index)] = Ops.Count;
        }
        else if (op.Kind == StoreOpKind.Complete && _claims.Remove((op.JobId, op.Index), out var at) && Ops[at].Attempt == op.Attempt)
        {
            Ops[at] = op with { Kind = StoreOpKind.ClaimAndComplete };
            return;
        }

        Ops.Add(op);
    }
}

/// <summary>The writer's answer: <see cref="Batch"/> is committed.</summary>
internal sealed record BatchPersisted(StoreBatch Batch);
