using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>Timers: SendAfter and cancel.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="to"/> after <paramref name="delay"/>.
    /// A timer to a local process is cancelled when that process dies; a timer to a process that
    /// is not alive never fires.
    /// </summary>
    public TimerRef SendAfter(Pid to, object message, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Process? local = null;
        if (IsLocal(to))
        {
            local = Table.Find(to.Id);
            if (local is null)
            {
                return default;
            }
        }

        var timer = new ProcessTimer(this, to, local, message);
        if (local is not null && !local.TrackTimer(timer))
        {
            return default;
        }

        timer.Start(delay);
        return new TimerRef(timer);
    }

    /// <summary>Cancels a timer; false if it already fired, was cancelled, or its target died.</summary>
    public static bool CancelTimer(TimerRef timer) => timer.Timer?.Cancel() ?? false;
}
