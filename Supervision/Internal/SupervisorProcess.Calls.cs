using DistSys.Runtime;
using static DistSys.Supervision.Internal.SupervisorRequests;

namespace DistSys.Supervision.Internal;

/// <summary>The API, answered as calls between restarts.</summary>
internal sealed partial class SupervisorProcess
{
    protected override ValueTask<object?> HandleCallAsync(ProcessContext context, object request) => request switch
    {
        StartChild start => Boxed(StartChildAsync(context, start.Spec)),
        StartDynamicChild start => Boxed(StartDynamicChildAsync(context, start.Argument)),
        TerminateChild terminate => Boxed(TerminateChildAsync(context, terminate.Id)),
        TerminateDynamicChild terminate => Boxed(TerminateDynamicChildAsync(context, terminate.Pid)),
        RestartChild restart => Boxed(RestartChildAsync(context, restart.Id)),
        DeleteChild delete => new(DeleteChildCore(delete.Id)),
        WhichChildren => new(WhichChildrenCore()),
        CountChildren => new(CountChildrenCore()),
        Stop => Boxed(StopOnCallAsync(context)),
        // A stray request must not take the supervisor, and with it the subtree, down.
        _ => new(SupervisorError.NotSupported),
    };

    private static async ValueTask<object?> Boxed<T>(ValueTask<T> pending) => await pending.ConfigureAwait(false);

    private async ValueTask<StartChildResult> StartChildAsync(ProcessContext context, ChildSpec spec)
    {
        if (IsSimple)
        {
            return StartChildResult.Failed(SupervisorError.NotSupported);
        }

        if (_byId.TryGetValue(spec.Id, out var existing))
        {
            return new(existing.Pid, existing.IsRunning ? SupervisorError.AlreadyStarted : SupervisorError.AlreadyPresent, null);
        }

        var child = Add(spec);
        if (await StartAsync(context, child).ConfigureAwait(false) is { } reason)
        {
            Remove(child);
            return StartChildResult.Failed(SupervisorError.StartFailed, reason);
        }

        return StartChildResult.Ok(child.Pid);
    }

    private async ValueTask<StartChildResult> StartDynamicChildAsync(ProcessContext context, object? argument)
    {
        if (!IsSimple)
        {
            return StartChildResult.Failed(SupervisorError.NotSupported);
        }

        var child = new Child(Template, argument);
        if (await StartAsync(context, child).ConfigureAwait(false) is { } reason)
        {
            return StartChildResult.Failed(SupervisorError.StartFailed, reason);
        }

        _dynamic.Add(child);
        return StartChildResult.Ok(child.Pid);
    }

    private async ValueTask<SupervisorError> TerminateChildAsync(ProcessContext context, string id)
    {
        if (IsSimple)
        {
            return SupervisorError.NotSupported;
        }

        if (!_byId.TryGetValue(id, out var child))
        {
            return SupervisorError.NotFound;
        }

        child.RestartPending = false;
        await ShutdownAsync(context, [child]).ConfigureAwait(false);
        if (child.Spec.Restart == RestartType.Temporary)
        {
            Remove(child);
        }

        return SupervisorError.None;
    }

    private async ValueTask<SupervisorError> TerminateDynamicChildAsync(ProcessContext context, Pid pid)
    {
        if (!IsSimple)
        {
            return SupervisorError.NotSupported;
        }

        if (!_byPid.TryGetValue(pid, out var child))
        {
            return SupervisorError.NotFound;
        }

        Remove(child);
        await ShutdownAsync(context, [child]).ConfigureAwait(false);
        return SupervisorError.None;
    }

    private async ValueTask<StartChildResult> RestartChildAsync(ProcessContext context, string id)
    {
        if (IsSimple)
        {
            return StartChildResult.Failed(SupervisorError.NotSupported);
        }

        if (!_byId.TryGetValue(id, out var child))
        {
            return StartChildResult.Failed(SupervisorError.NotFound);
        }

        if (child.IsRunning)
        {
            return new(child.Pid, SupervisorError.Running, null);
        }

        child.RestartPending = false;
        return await StartAsync(context, child).ConfigureAwait(false) is { } reason
            ? StartChildResult.Failed(SupervisorError.StartFailed, reason)
            : StartChildResult.Ok(child.Pid);
    }

    private SupervisorError DeleteChildCore(string id)
    {
        if (IsSimple)
        {
            return SupervisorError.NotSupported;
        }

        if (!_byId.TryGetValue(id, out var child))
        {
            return SupervisorError.NotFound;
        }

        if (child.IsRunning)
        {
            return SupervisorError.Running;
        }

        Remove(child);
        return SupervisorError.None;
    }

    private List<ChildInfo> WhichChildrenCore() =>
        IsSimple ? [.. _dynamic.Select(c => c.Info)] : [.. _children.Select(c => c.Info)];

    private ChildCounts CountChildrenCore()
    {
        IReadOnlyCollection<Child> all = IsSimple ? _dynamic : _children;
        var active = all.Count(c => c.IsRunning);
        var supervisors = all.Count(c => c.Spec.Type == ChildType.Supervisor);
        return new(all.Count, active, supervisors, all.Count - supervisors);
    }

    private async ValueTask<bool> StopOnCallAsync(ProcessContext context)
    {
        await ShutdownAllAsync(context).ConfigureAwait(false);
        context.Stop(ExitReason.Shutdown);
        return true;
    }
}
