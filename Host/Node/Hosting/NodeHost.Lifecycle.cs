using DistSys.Runtime.Distribution;
using DistSys.Supervision;
using DistSys.Transport.Handshake;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DistSys.Host.Hosting;

internal static partial class NodeHost
{
    /// <summary>How long a departing node may take to announce itself and drain before it just closes.</summary>
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(5);

    private static async Task<bool> StartServicesAsync(NodeContext context, ILogger logger, StartClock clock, CancellationToken cancellationToken)
    {
        context.Supervisor = await NodeSupervisor.StartAsync(context.Cluster.Runtime).ConfigureAwait(false);
        foreach (var service in context.Services)
        {
            var started = await context.Supervisor.AddServiceAsync(service).ConfigureAwait(false);
            if (!started.IsOk)
            {
                HostLog.ServiceFailed(logger, service.Id, $"{started.Error} {started.Reason}");
                return false;
            }
        }

        foreach (var hook in context.StartHooks)
        {
            await hook(context, cancellationToken).ConfigureAwait(false);
        }

        clock.Mark("services");
        return true;
    }

    private static async Task<bool> LeadAsync(NodeContext context, Func<CancellationToken, Task> campaign, StartClock clock, CancellationToken cancellationToken)
    {
        context.Status = NodeStatus.Standby;
        await campaign(cancellationToken).ConfigureAwait(false);
        context.Status = NodeStatus.Starting;
        clock.Mark("leadership");
        return true;
    }

    private static async Task<bool> JoinAsync(NodeContext context, ILogger logger, StartClock clock, CancellationToken cancellationToken)
    {
        if (context.Settings.Master is not { } master)
        {
            return true;
        }

        context.Status = NodeStatus.Joining;
        try
        {
            await context.Cluster.JoinAsync(cancellationToken).ConfigureAwait(false);
            clock.Mark("join");
            return true;
        }
        catch (ClusterJoinException ex) when (ex.Outcome != HandshakeOutcome.RefusedAuth)
        {
            HostLog.JoinFailed(logger, master.ToString(), ex.Message);
            return false;
        }
        catch (ClusterJoinException)
        {
            // The cluster core has said "cookie rejected by the master" in one line; retrying cannot fix a cookie.
            return false;
        }
    }

    private static async Task LeaveAsync(NodeContext context, ILogger logger)
    {
        context.Status = NodeStatus.Leaving;
        using var deadline = new CancellationTokenSource(LeaveTimeout);
        try
        {
            await context.Cluster.LeaveAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            HostLog.LeaveFailed(logger, $"not done within {LeaveTimeout.TotalSeconds:0} s; closing anyway");
        }
    }

    private static async Task StopAsync(NodeContext context, WebApplication app, ILogger logger)
    {
        foreach (var hook in context.StopHooks)
        {
            await hook(context).ConfigureAwait(false);
        }

        if (context.Supervisor is { } supervisor)
        {
            await supervisor.DisposeAsync().ConfigureAwait(false);
        }

        await app.StopAsync().ConfigureAwait(false);
        HostLog.Stopped(logger, context.Settings.Name);
    }
}
