using DistSys.Runtime;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The process that owns the store's write connection: it applies each batch the scheduler hands
/// it, in order, and answers <see cref="BatchPersisted"/>. It keeps SQLite off the scheduler's
/// path: the scheduler goes on dispatching while the previous batch commits. Linked to the
/// scheduler, so a failing disk takes the scheduler down and its supervisor restarts both from
/// what is durable.
/// </summary>
internal sealed class StoreWriter(JobStore store, Pid scheduler) : Behaviour
{
    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        if (message is StoreBatch batch)
        {
            store.Apply(batch);
            context.Send(scheduler, new BatchPersisted(batch));
        }

        return default;
    }
}
