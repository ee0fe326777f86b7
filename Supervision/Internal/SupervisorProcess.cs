using DistSys.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistSys.Supervision.Internal;

/// <summary>
/// A supervisor: a process that traps exits, starts its children in order, applies its
/// strategy when one exits, gives up past its restart intensity, and answers the API as calls,
/// so every request is serialised with the restarts.
/// </summary>
internal sealed partial class SupervisorProcess : GenServer
{
    private readonly SupervisorSpec _spec;
    private readonly Pid _parent;
    private readonly List<Child> _children = [];
    private readonly Dictionary<string, Child> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<Pid, Child> _byPid = [];
    private readonly HashSet<Child> _dynamic = [];
    private readonly ILogger _logger;
    private readonly SupervisionMetrics _metrics;
    private RestartWindow _window = null!;

    public SupervisorProcess(SupervisorSpec spec, Pid parent)
    {
        _spec = spec;
        _parent = parent;
        _logger = spec.Logger ?? NullLogger.Instance;
        _metrics = spec.Metrics ?? SupervisionMetrics.Shared;
    }

    private bool IsSimple => _spec.Strategy == SupervisorStrategy.SimpleOneForOne;

    private ChildSpec Template => _spec.Children[0];

    protected override async ValueTask InitAsync(ProcessContext context)
    {
        context.TrapExit = true;
        _window = new RestartWindow(_spec.Intensity, _spec.Period, _spec.Clock ?? context.Runtime.TimeProvider);
        if (IsSimple)
        {
            return;
        }

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

    private Child Add(ChildSpec spec)
    {
        var child = new Child(spec, null);
        _children.Add(child);
        _byId.Add(spec.Id, child);
        return child;
    }

    private void Remove(Child child)
    {
        child.Deleted = true;
        if (IsSimple)
        {
            _dynamic.Remove(child);
            return;
        }

        _children.Remove(child);
        _byId.Remove(child.Id);
    }
}
