using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>Live upgrade of a running process (Erlang's code_change, in-process half of hot-swapping).</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Replaces the behaviour of <paramref name="pid"/> with what <paramref name="codeChange"/>
    /// builds from the running one (migrating its state), between two messages, inside the
    /// process. Mailbox, pid, name, links, monitors and timers are kept. If the migration throws,
    /// the old version keeps running and the result carries the error.
    /// </summary>
    public Task<UpgradeResult> UpgradeAsync(Pid pid, Func<Behaviour, Behaviour> codeChange)
    {
        ArgumentNullException.ThrowIfNull(codeChange);
        var signal = new UpgradeSignal(codeChange);
        RouteSignal(pid, signal);
        return signal.Result.Task;
    }
}
