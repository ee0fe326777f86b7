using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>Delayed restarts (backoff) and giving up.</summary>
internal abstract partial class SupervisorProcess
{
    private void ScheduleRestart(ProcessContext context, List<Child> children, Child failed, bool isRetry)
    {
        var backoff = _spec.Backoff!;
        var now = _window.Now;
        failed.RecentRestarts = now - failed.LastRestart > _window.PeriodTicks ? 1 : failed.RecentRestarts + 1;
        failed.LastRestart = now;
        MarkPending(children);
        var delay = backoff.DelayFor(failed.RecentRestarts, Random.Shared.NextDouble());
        context.SendAfter(new SupervisorRequests.RestartDue(children, isRetry), delay);
    }

    private static void MarkPending(List<Child> children)
    {
        foreach (var child in children)
        {
            child.RestartPending = true;
        }
    }

    /// <summary>Past the intensity: stop every child in reverse order and exit with shutdown, so the parent decides.</summary>
    private async ValueTask GiveUpAsync(ProcessContext context, Child child, ExitReason reason)
    {
        _metrics.CountGiveUp();
        SupervisionLog.GivingUp(_logger, context.Self, child.Id, reason, child.Restarts, _spec.Intensity, _spec.Period);
        await ShutdownAllAsync(context).ConfigureAwait(false);
        _metrics.CountEscalation();
        SupervisionLog.Escalating(_logger, context.Self);
        context.Stop(ExitReason.Shutdown);
    }
}
