using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>Starting one child through its start function.</summary>
internal abstract partial class SupervisorProcess
{
    private static readonly ExitReason NoPidReturned = ExitReason.Custom("the start function returned no pid");

    /// <summary>Starts <paramref name="child"/>; null on success, otherwise the failure's reason.</summary>
    private protected ValueTask<ExitReason?> StartAsync(ProcessContext context, Child child)
    {
        ValueTask<Pid> started;
        try
        {
            started = child.Spec.Start(context, child.Argument);
            if (started.IsCompletedSuccessfully)
            {
                return new(Bind(child, started.Result));
            }
        }
        catch (Exception ex)
        {
            return new(StartFailure(child, ex));
        }

        return AwaitStartAsync(child, started);
    }

    private async ValueTask<ExitReason?> AwaitStartAsync(Child child, ValueTask<Pid> started)
    {
        try
        {
            return Bind(child, await started.ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            return StartFailure(child, ex);
        }
    }

    private ExitReason? Bind(Child child, Pid pid)
    {
        if (pid.IsNone)
        {
            _metrics.CountStartFailure();
            return NoPidReturned;
        }

        child.Pid = pid;
        _byPid[pid] = child;
        return null;
    }

    private ExitReason StartFailure(Child child, Exception ex)
    {
        _metrics.CountStartFailure();
        return ex switch
        {
            CallException call => call.Reason,
            SupervisorStartException nested => nested.Reason,
            _ => ExitReason.FromException(ex),
        };
    }
}
