using DistSys.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistSys.Supervision.Internal;

/// <summary>
/// A supervisor: a process that traps exits, starts its children, restarts them when they exit,
/// gives up past its restart intensity, and answers the API as calls, so every request is serialised
/// with the restarts. Two kinds, each its own type: <see cref="StaticSupervisorProcess"/> (children from
/// the spec, restarted by a <see cref="RestartStrategy"/>) and <see cref="SimpleSupervisorProcess"/>
/// (simple_one_for_one: dynamic children from one template). This base owns what they share.
/// </summary>
internal abstract partial class SupervisorProcess : GenServer
{
    private protected readonly SupervisorSpec _spec;
    private readonly Pid _parent;
    private protected readonly Dictionary<Pid, Child> _byPid = [];
    private readonly ILogger _logger;
    private readonly SupervisionMetrics _metrics;
    private RestartWindow _window = null!;

    private protected SupervisorProcess(SupervisorSpec spec, Pid parent)
    {
        _spec = spec;
        _parent = parent;
        _logger = spec.Logger ?? NullLogger.Instance;
        _metrics = spec.Metrics ?? SupervisionMetrics.Shared;
    }

    /// <summary>The supervisor for <paramref name="spec"/>: simple_one_for_one is its own kind.</summary>
    public static SupervisorProcess Create(SupervisorSpec spec, Pid parent) =>
        spec.Strategy == SupervisorStrategy.SimpleOneForOne
            ? new SimpleSupervisorProcess(spec, parent)
            : new StaticSupervisorProcess(spec, parent, RestartStrategy.For(spec.Strategy));

    /// <summary>Every child, in start order where there is one.</summary>
    private protected abstract IReadOnlyCollection<Child> AllChildren { get; }

    /// <summary>Starts the spec's children at init; a failure fails the supervisor.</summary>
    private protected abstract ValueTask StartInitialChildrenAsync(ProcessContext context);

    /// <summary>Forgets a child that will not come back.</summary>
    private protected abstract void Remove(Child child);

    /// <summary>Stops every running child (ordered shutdown).</summary>
    private protected abstract Task ShutdownAllAsync(ProcessContext context);

    /// <summary>Restarts <paramref name="failed"/> (and whatever the strategy restarts with it).</summary>
    private protected abstract ValueTask RestartAsync(ProcessContext context, Child failed);

    /// <summary>Whether a child that exits and is not restarted is forgotten (a temporary one always is).</summary>
    private protected virtual bool ForgetsWhenNotRestarted(Child child) => child.Spec.Restart == RestartType.Temporary;

    protected override async ValueTask InitAsync(ProcessContext context)
    {
        context.TrapExit = true;
        _window = new RestartWindow(_spec.Intensity, _spec.Period, _spec.Clock ?? context.Runtime.TimeProvider);
        await StartInitialChildrenAsync(context).ConfigureAwait(false);
    }

    protected override ValueTask HandleInfoAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case ExitMessage exit when _byPid.Remove(exit.From, out var child):
                child.Pid = Pid.None;
                return OnChildExitAsync(context, child, exit.Reason);
            case ExitMessage exit when exit.From == _parent || (exit.From.IsNone && !exit.Reason.IsNormal):
                return StopAsync(context, exit.Reason);
            case SupervisorRequests.RestartDue due:
                return RestartDueAsync(context, due);
            default:
                // Stale EXITs of children already stopped or replaced, and stray messages.
                return default;
        }
    }

    private async ValueTask StopAsync(ProcessContext context, ExitReason reason)
    {
        await ShutdownAllAsync(context).ConfigureAwait(false);
        context.Stop(reason);
    }
}
