using DistSys.Runtime;
using DistSys.Transport.Messages;

namespace DistSys.Supervision.Internal;

/// <summary>What happens when a child exits: the restart type, the intensity, then the strategy.</summary>
internal abstract partial class SupervisorProcess
{
    private static bool ShouldRestart(RestartType restart, ExitReason reason) => restart switch
    {
        RestartType.Permanent => true,
        RestartType.Transient => reason.Kind is not (ExitReasonKind.Normal or ExitReasonKind.Shutdown),
        _ => false,
    };

    private ValueTask OnChildExitAsync(ProcessContext context, Child child, ExitReason reason)
    {
        if (!ShouldRestart(child.Spec.Restart, reason))
        {
            SupervisionLog.NotRestarted(_logger, context.Self, child.Id, reason, child.Spec.Restart);
            if (ForgetsWhenNotRestarted(child))
            {
                Remove(child);
            }

            return default;
        }

        if (!_window.TryRecord())
        {
            return GiveUpAsync(context, child, reason);
        }

        child.Restarts++;
        _metrics.CountRestart();
        SupervisionLog.Restarting(_logger, context.Self, child.Id, reason, child.Restarts);
        return RestartAsync(context, child);
    }

    internal ValueTask RestartOneAsync(ProcessContext context, Child child)
    {
        if (_spec.Backoff is not null)
        {
            ScheduleRestart(context, [child], child, isRetry: false);
            return default;
        }

        var started = StartAsync(context, child);
        if (!started.IsCompletedSuccessfully)
        {
            return FinishRestartAsync(context, started.AsTask(), child);
        }

        if (started.Result is { } reason)
        {
            OnRestartFailed(context, [child], child, reason);
        }

        return default;
    }

    private async ValueTask FinishRestartAsync(ProcessContext context, Task<ExitReason?> started, Child child)
    {
        if (await started.ConfigureAwait(false) is { } reason)
        {
            OnRestartFailed(context, [child], child, reason);
        }
    }

    /// <summary>one_for_all and rest_for_one: stop the group's other running children, then start the group in order.</summary>
    internal async ValueTask RestartGroupAsync(ProcessContext context, List<Child> group, Child failed)
    {
        await ShutdownAsync(context, [.. group.Where(c => c != failed && c.IsRunning)]).ConfigureAwait(false);
        foreach (var temporary in group.Where(c => c.Spec.Restart == RestartType.Temporary && c != failed).ToList())
        {
            Remove(temporary);
        }

        var restart = group.Where(c => !c.Deleted).ToList();
        if (_spec.Backoff is not null)
        {
            ScheduleRestart(context, restart, failed, isRetry: false);
            return;
        }

        // Starting links the child to this process, which must happen in a turn of its own, not
        // after an await: continue with a message.
        ContinueLater(context, restart);
    }

    /// <summary>
    /// Starts <paramref name="children"/> in order. Only the first start may run here; once a
    /// start had to be awaited, the rest continue in a new turn (see <see cref="ContinueLater"/>).
    /// </summary>
    private async ValueTask StartInOrderAsync(ProcessContext context, List<Child> children)
    {
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            child.RestartPending = false;
            if (child.Deleted || child.IsRunning)
            {
                continue;
            }

            var started = StartAsync(context, child);
            var wasSynchronous = started.IsCompleted;
            if (await started.ConfigureAwait(false) is { } reason)
            {
                OnRestartFailed(context, [.. children.Skip(i)], child, reason);
                return;
            }

            if (!wasSynchronous && i + 1 < children.Count)
            {
                ContinueLater(context, [.. children.Skip(i + 1)]);
                return;
            }
        }
    }

    private static void ContinueLater(ProcessContext context, List<Child> children)
    {
        MarkPending(children);
        context.Send(context.Self, new SupervisorRequests.RestartDue(children, IsRetry: false));
    }

    /// <summary>As OTP, a failed restart is tried again and counts against the intensity.</summary>
    private void OnRestartFailed(ProcessContext context, List<Child> remaining, Child failed, ExitReason reason)
    {
        SupervisionLog.StartFailed(_logger, context.Self, failed.Id, reason, failed.Restarts);
        if (_spec.Backoff is not null)
        {
            ScheduleRestart(context, remaining, failed, isRetry: true);
            return;
        }

        MarkPending(remaining);
        context.Send(context.Self, new SupervisorRequests.RestartDue(remaining, IsRetry: true));
    }

    private ValueTask RestartDueAsync(ProcessContext context, SupervisorRequests.RestartDue due)
    {
        var live = due.Children.Where(c => !c.Deleted && c.RestartPending).ToList();
        if (live.Count == 0)
        {
            return default;
        }

        if (due.IsRetry && !_window.TryRecord())
        {
            return GiveUpAsync(context, live[0], ExitReason.Custom("restart failed"));
        }

        return StartInOrderAsync(context, live);
    }
}
