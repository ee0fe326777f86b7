using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>
/// A supervisor of the spec's children (one_for_one, one_for_all, rest_for_one): started in order at
/// init, addressed by id, stopped in reverse start order, restarted by its <see cref="RestartStrategy"/>.
/// </summary>
internal sealed class StaticSupervisorProcess(SupervisorSpec spec, Pid parent, RestartStrategy strategy) : SupervisorProcess(spec, parent)
{
    private readonly List<Child> _children = [];
    private readonly Dictionary<string, Child> _byId = new(StringComparer.Ordinal);

    private protected override IReadOnlyCollection<Child> AllChildren => _children;

    private protected override async ValueTask StartInitialChildrenAsync(ProcessContext context)
    {
        foreach (var spec in _spec.Children)
        {
            var child = Add(spec);
            if (await StartAsync(context, child).ConfigureAwait(false) is { } reason)
            {
                // OTP: a failed start stops the children already started and fails the supervisor.
                await ShutdownAllAsync(context).ConfigureAwait(false);
                throw new SupervisorStartException(child.Id, reason);
            }
        }
    }

    private protected override ValueTask RestartAsync(ProcessContext context, Child failed) => strategy.RestartAsync(this, context, _children, failed);

    /// <summary>One by one, in reverse start order.</summary>
    private protected override Task ShutdownAllAsync(ProcessContext context) => ShutdownAsync(context, _children);

    private protected override void Remove(Child child)
    {
        child.Deleted = true;
        _children.Remove(child);
        _byId.Remove(child.Id);
    }

    private Child Add(ChildSpec spec)
    {
        var child = new Child(spec, null);
        _children.Add(child);
        _byId.Add(spec.Id, child);
        return child;
    }

    private protected override async ValueTask<StartChildResult> StartChildAsync(ProcessContext context, ChildSpec spec)
    {
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

    private protected override async ValueTask<SupervisorError> TerminateChildAsync(ProcessContext context, string id)
    {
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

    private protected override async ValueTask<StartChildResult> RestartChildAsync(ProcessContext context, string id)
    {
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

    private protected override SupervisorError DeleteChildCore(string id)
    {
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
}
