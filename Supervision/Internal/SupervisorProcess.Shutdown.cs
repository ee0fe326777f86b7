using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>Stopping children: unlinked first, so their exits are not taken for crashes, then stopped by a terminator.</summary>
internal sealed partial class SupervisorProcess
{
    /// <summary>Stops every running child: static ones one by one in reverse start order, dynamic ones all at once (as OTP).</summary>
    private Task ShutdownAllAsync(ProcessContext context)
    {
        if (IsSimple)
        {
            var pids = Detach(context, [.. _dynamic.Where(c => c.IsRunning)]);
            return Terminator.RunAsync(context.Runtime, [new ShutdownStep(pids, Template.Shutdown)]);
        }

        return ShutdownAsync(context, _children);
    }

    /// <summary>Stops the running ones of <paramref name="children"/> (given in start order), last first.</summary>
    private Task ShutdownAsync(ProcessContext context, List<Child> children)
    {
        var steps = new List<ShutdownStep>();
        for (var i = children.Count - 1; i >= 0; i--)
        {
            if (children[i].IsRunning)
            {
                var policy = children[i].Spec.Shutdown;
                steps.Add(new ShutdownStep(Detach(context, [children[i]]), policy));
            }
        }

        return Terminator.RunAsync(context.Runtime, steps);
    }

    private Pid[] Detach(ProcessContext context, List<Child> children)
    {
        var pids = new Pid[children.Count];
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            pids[i] = child.Pid;
            context.Unlink(child.Pid);
            _byPid.Remove(child.Pid);
            child.Pid = Pid.None;
        }

        return pids;
    }
}
