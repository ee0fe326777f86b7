using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>
/// Stopping children: each is forgotten first (so its EXIT, when it comes, is stale and ignored),
/// sent shutdown (or kill) by the supervisor itself, as a child supervisor only obeys its parent,
/// and then awaited, with a kill once its shutdown time is up. The supervisor does not unlink:
/// this code may run after an await, outside the process's turn, where touching its own link set
/// would race with the runtime handling signals for it.
/// </summary>
internal abstract partial class SupervisorProcess
{
    /// <summary>Stops the running ones of <paramref name="children"/> (given in start order), last first.</summary>
    private protected async Task ShutdownAsync(ProcessContext context, List<Child> children)
    {
        for (var i = children.Count - 1; i >= 0; i--)
        {
            if (children[i].IsRunning)
            {
                await StopTogetherAsync(context, [children[i]], children[i].Spec.Shutdown).ConfigureAwait(false);
            }
        }
    }

    private protected Task StopTogetherAsync(ProcessContext context, List<Child> children, ShutdownPolicy policy)
    {
        var reason = policy.Kind == ShutdownKind.BrutalKill ? ExitReason.Kill : ExitReason.Shutdown;
        var pids = new Pid[children.Count];
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            pids[i] = child.Pid;
            context.Exit(child.Pid, reason);
            _byPid.Remove(child.Pid);
            child.Pid = Pid.None;
        }

        return Terminator.AwaitExitsAsync(context.Runtime, pids, policy);
    }
}
