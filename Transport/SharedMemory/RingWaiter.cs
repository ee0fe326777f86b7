using System.Diagnostics;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// Waiting without burning a core: spin briefly (the peer is usually mid-write), then sleep on a
/// doorbell that the peer rings only when it sees our sleeping flag.
/// <para>
/// Lost wake-up. The waiter (W) and the notifier (N) each store, then load the other's variable:
/// W: sleeping = 1; fence; re-check the ring; block.  N: publish index; fence; if sleeping, clear it and ring.
/// Both fences are full (Interlocked), so at least one side sees the other's store: either W's re-check
/// sees N's index (W does not block), or N sees sleeping = 1 (N rings). A ring that lands before W
/// blocks stays in the FIFO, so the block returns at once. Spurious wake-ups (a stale byte from a
/// wait that ended early) only cost one extra re-check, because every wake-up is followed by one.
/// </para>
/// </summary>
internal static unsafe class RingWaiter
{
    public static RingWaitResult Wait<TCondition>(TCondition condition, int* sleeping, int* peerClosed, Doorbell doorbell, TimeSpan timeout)
        where TCondition : IRingCondition
    {
        var timeoutMs = (long)timeout.TotalMilliseconds;
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMs, -1, nameof(timeout));
        if (condition.IsReady())
        {
            return RingWaitResult.Ready;
        }

        var spinner = default(SpinWait);
        while (!spinner.NextSpinWillYield)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (condition.IsReady())
            {
                return RingWaitResult.Ready;
            }
        }

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            Interlocked.Exchange(ref *sleeping, 1);
            if (condition.IsReady())
            {
                Volatile.Write(ref *sleeping, 0);
                return RingWaitResult.Ready;
            }

            if (Volatile.Read(ref *peerClosed) != 0)
            {
                Volatile.Write(ref *sleeping, 0);
                return RingWaitResult.PeerClosed;
            }

            var remaining = timeoutMs < 0 ? -1 : timeoutMs - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (timeoutMs >= 0 && remaining <= 0)
            {
                Volatile.Write(ref *sleeping, 0);
                return RingWaitResult.TimedOut;
            }

            doorbell.Wait((int)Math.Min(remaining, int.MaxValue));
            Volatile.Write(ref *sleeping, 0);
            doorbell.Drain();
        }
    }

    /// <summary>The notifier's half: call right after a full-fence publish of the index the waiter watches.</summary>
    public static void Notify(int* sleeping, Doorbell doorbell)
    {
        if (Volatile.Read(ref *sleeping) != 0 && Interlocked.CompareExchange(ref *sleeping, 0, 1) == 1)
        {
            doorbell.Ring();
        }
    }
}
