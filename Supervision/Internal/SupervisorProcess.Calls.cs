using DistSys.Runtime;
using static DistSys.Supervision.Internal.SupervisorRequests;

namespace DistSys.Supervision.Internal;

/// <summary>The API, answered as calls between restarts.</summary>
internal abstract partial class SupervisorProcess
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

    // The requests one kind does not serve: each kind overrides its own.
    private protected virtual ValueTask<StartChildResult> StartChildAsync(ProcessContext context, ChildSpec spec) => new(StartChildResult.Failed(SupervisorError.NotSupported));

    private protected virtual ValueTask<StartChildResult> StartDynamicChildAsync(ProcessContext context, object? argument) => new(StartChildResult.Failed(SupervisorError.NotSupported));

    private protected virtual ValueTask<SupervisorError> TerminateChildAsync(ProcessContext context, string id) => new(SupervisorError.NotSupported);

    private protected virtual ValueTask<SupervisorError> TerminateDynamicChildAsync(ProcessContext context, Pid pid) => new(SupervisorError.NotSupported);

    private protected virtual ValueTask<StartChildResult> RestartChildAsync(ProcessContext context, string id) => new(StartChildResult.Failed(SupervisorError.NotSupported));

    private protected virtual SupervisorError DeleteChildCore(string id) => SupervisorError.NotSupported;

    private List<ChildInfo> WhichChildrenCore() => [.. AllChildren.Select(c => c.Info)];

    private ChildCounts CountChildrenCore()
    {
        var all = AllChildren;
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
