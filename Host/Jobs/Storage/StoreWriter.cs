using DistSys.Runtime;
using Microsoft.Extensions.Logging;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The process that owns the store's write connection: it applies each batch the scheduler hands
/// it, in order, and answers <see cref="BatchPersisted"/>. It keeps SQLite off the scheduler's
/// path: the scheduler goes on dispatching while the previous batch commits. Linked to the
/// scheduler, so a failing disk takes the scheduler down and its supervisor restarts both from
/// what is durable. A batch refused by the fence (another master leads a shared store) is not
/// answered: the scheduler then hands the writer nothing more, and the node steps down.
/// </summary>
internal sealed class StoreWriter(JobStore store, Pid scheduler, ILogger logger) : Behaviour
{
    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        if (message is StoreBatch batch)
        {
            try
            {
                store.Apply(batch);
            }
            catch (StoreFencedException ex)
            {
                JobsLog.WriteFenced(logger, ex.Message);
                return default;
            }

            context.Send(scheduler, new BatchPersisted(batch));
        }

        return default;
    }
}
