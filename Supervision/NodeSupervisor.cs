using DistSys.Runtime;
using DistSys.Transport.Messages;

namespace DistSys.Supervision;

/// <summary>
/// The root of a node's supervision tree, registered as <see cref="RegisteredName"/>. The node's
/// services (<see cref="NodeServices"/>) join it as children with <see cref="AddServiceAsync"/>,
/// in the order they must start; stopping the node stops them in reverse order.
/// </summary>
public sealed class NodeSupervisor : IAsyncDisposable
{
    /// <summary>The name the root supervisor is registered under.</summary>
    public const string RegisteredName = "node_supervisor";

    private readonly ProcessRuntime _runtime;

    private NodeSupervisor(ProcessRuntime runtime, Pid pid)
    {
        _runtime = runtime;
        Pid = pid;
    }

    /// <summary>The root supervisor's process.</summary>
    public Pid Pid { get; }

    /// <summary>
    /// Starts the root supervisor: one_for_one (each service is independent), and by default
    /// at most 3 restarts in 10 s before the node gives up. <paramref name="spec"/> may change
    /// that or start services at once; its name is always <see cref="RegisteredName"/>.
    /// </summary>
    public static async Task<NodeSupervisor> StartAsync(ProcessRuntime runtime, SupervisorSpec? spec = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        spec ??= new SupervisorSpec { Intensity = 3, Period = TimeSpan.FromSeconds(10) };
        var pid = await Supervisor.StartAsync(runtime, spec with { Name = RegisteredName }).ConfigureAwait(false);
        return new NodeSupervisor(runtime, pid);
    }

    /// <summary>Starts a service as the root's next child.</summary>
    public Task<StartChildResult> AddServiceAsync(ChildSpec service) => Supervisor.StartChildAsync(_runtime, Pid, service);

    /// <summary>Stops a service and forgets it.</summary>
    public async Task<SupervisorError> RemoveServiceAsync(string id)
    {
        var terminated = await Supervisor.TerminateChildAsync(_runtime, Pid, id).ConfigureAwait(false);
        return terminated == SupervisorError.None ? await Supervisor.DeleteChildAsync(_runtime, Pid, id).ConfigureAwait(false) : terminated;
    }

    /// <summary>The services, in start order.</summary>
    public Task<IReadOnlyList<ChildInfo>> ServicesAsync() => Supervisor.WhichChildrenAsync(_runtime, Pid);

    /// <summary>Stops every service in reverse order, then the root; nothing if it already exited.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Supervisor.StopAsync(_runtime, Pid).ConfigureAwait(false);
        }
        catch (CallException ex) when (ex.Reason.Kind is ExitReasonKind.NoProc or ExitReasonKind.Shutdown)
        {
            // Already gone (gave up, or stopped by someone else): stopping is idempotent.
        }
    }
}
