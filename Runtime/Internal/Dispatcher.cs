namespace DistSys.Runtime.Internal;

/// <summary>Puts a runnable process on some thread. Never blocks, never allocates.</summary>
internal abstract class Dispatcher
{
    internal abstract void Schedule(Process process);

    /// <summary>Re-queues a process that used up its turn behind everything already waiting.</summary>
    internal virtual void Yield(Process process) => Schedule(process);

    /// <summary>Stops threads the dispatcher owns; processes still queued are abandoned.</summary>
    internal virtual void Stop()
    {
    }
}

/// <summary>
/// The .NET thread pool: the process is the work item, queued to the current worker's local
/// queue when scheduled from a pool thread (the sender's core, as Erlang does), stolen by idle workers.
/// </summary>
internal sealed class ThreadPoolDispatcher : Dispatcher
{
    internal override void Schedule(Process process) => ThreadPool.UnsafeQueueUserWorkItem(process, preferLocal: true);

    /// <summary>
    /// A worker pops its local queue newest-first, so a yielding process queued locally would run
    /// again at once; the global queue is first-in first-out, which is what a yield means.
    /// </summary>
    internal override void Yield(Process process) => ThreadPool.UnsafeQueueUserWorkItem(process, preferLocal: false);
}
