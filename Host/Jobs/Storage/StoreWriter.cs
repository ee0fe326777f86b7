using DistSys.Runtime;
using Microsoft.Extensions.Logging;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The process that owns the store's write connection: it applies each batch the scheduler hands
/// it, in order, and answers <see cref="BatchPersisted"/>. It keeps SQLite off the scheduler's
/// path: the scheduler goes on dispatching while the previous batch commits. Linked to the
/// scheduler, so a failing disk takes the scheduler down and its supervisor restarts both from
/// what is durable. A batch refused by the fence (another master leads a shared store) is not
/// answered: the scheduler then hands the writer nothing more, and the node steps down. A batch refused
/// for want of space is kept and applied again every <see cref="RetryDelay"/> until it commits: the
/// scheduler, waiting for it, stops dispatching once enough writes gather, nothing accepted is lost, and
/// the store says it is full, so new jobs are refused with 507 meanwhile.
/// </summary>
internal sealed class StoreWriter(JobStore store, Pid scheduler, ILogger logger) : Behaviour
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

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
            catch (Exception ex) when (StorageFull.Is(ex))
            {
                if (store.FullDetail is null)
                {
                    JobsLog.StoreFull(logger, batch.Count, ex.Message);
                }

                store.SetFull("the job store's disk is full: new jobs are refused until space is freed; accepted work is kept and resumes then");
                context.SendAfter(batch, RetryDelay);
                return default;
            }

            if (store.FullDetail is not null)
            {
                store.SetFull(null);
                JobsLog.StoreWritable(logger);
            }

            context.Send(scheduler, new BatchPersisted(batch));
        }

        return default;
    }
}
