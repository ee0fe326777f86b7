using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>
/// simple_one_for_one: no children at init; any number of dynamic children started from the spec's one
/// template with an argument each, addressed by pid, restarted alone, forgotten when they end for good,
/// and stopped all at once at shutdown (as OTP).
/// </summary>
internal sealed class SimpleSupervisorProcess(SupervisorSpec spec, Pid parent) : SupervisorProcess(spec, parent)
{
    private readonly HashSet<Child> _dynamic = [];

    private ChildSpec Template => _spec.Children[0];

    private protected override IReadOnlyCollection<Child> AllChildren => _dynamic;

    private protected override ValueTask StartInitialChildrenAsync(ProcessContext context) => default;

    private protected override ValueTask RestartAsync(ProcessContext context, Child failed) => RestartOneAsync(context, failed);

    private protected override Task ShutdownAllAsync(ProcessContext context) =>
        StopTogetherAsync(context, [.. _dynamic.Where(c => c.IsRunning)], Template.Shutdown);

    /// <summary>A dynamic child that is not restarted is gone, whatever its restart type.</summary>
    private protected override bool ForgetsWhenNotRestarted(Child child) => true;

    private protected override void Remove(Child child)
    {
        child.Deleted = true;
        _dynamic.Remove(child);
    }

    private protected override async ValueTask<StartChildResult> StartDynamicChildAsync(ProcessContext context, object? argument)
    {
        var child = new Child(Template, argument);
        if (await StartAsync(context, child).ConfigureAwait(false) is { } reason)
        {
            return StartChildResult.Failed(SupervisorError.StartFailed, reason);
        }

        _dynamic.Add(child);
        return StartChildResult.Ok(child.Pid);
    }

    private protected override async ValueTask<SupervisorError> TerminateDynamicChildAsync(ProcessContext context, Pid pid)
    {
        if (!_byPid.TryGetValue(pid, out var child))
        {
            return SupervisorError.NotFound;
        }

        Remove(child);
        await ShutdownAsync(context, [child]).ConfigureAwait(false);
        return SupervisorError.None;
    }
}
