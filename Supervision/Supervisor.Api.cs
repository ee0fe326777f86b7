using DistSys.Runtime;
using static DistSys.Supervision.Internal.SupervisorRequests;

namespace DistSys.Supervision;

/// <summary>
/// The supervisor API (start, terminate, restart, delete, which and count children), each a
/// call the supervisor answers between restarts. A <see cref="CallException"/> means the
/// supervisor is not alive or did not answer within the timeout.
/// </summary>
public static partial class Supervisor
{
    /// <summary>Adds and starts a child (not under simple_one_for_one).</summary>
    public static Task<StartChildResult> StartChildAsync(ProcessRuntime runtime, Pid supervisor, ChildSpec spec, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        return CallAsync<StartChildResult>(runtime, supervisor, new StartChild(spec), timeout);
    }

    /// <summary>Starts a dynamic child from the template of a simple_one_for_one supervisor.</summary>
    public static Task<StartChildResult> StartDynamicChildAsync(ProcessRuntime runtime, Pid supervisor, object? argument = null, TimeSpan? timeout = null) =>
        CallAsync<StartChildResult>(runtime, supervisor, new StartDynamicChild(argument), timeout);

    /// <summary>Stops a child by id and keeps its spec (a temporary child's spec goes).</summary>
    public static Task<SupervisorError> TerminateChildAsync(ProcessRuntime runtime, Pid supervisor, string id, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return CallAsync<SupervisorError>(runtime, supervisor, new TerminateChild(id), timeout);
    }

    /// <summary>Stops and forgets a dynamic child of a simple_one_for_one supervisor.</summary>
    public static Task<SupervisorError> TerminateChildAsync(ProcessRuntime runtime, Pid supervisor, Pid child, TimeSpan? timeout = null) =>
        CallAsync<SupervisorError>(runtime, supervisor, new TerminateDynamicChild(child), timeout);

    /// <summary>Starts again a child whose spec is held but which is not running.</summary>
    public static Task<StartChildResult> RestartChildAsync(ProcessRuntime runtime, Pid supervisor, string id, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return CallAsync<StartChildResult>(runtime, supervisor, new RestartChild(id), timeout);
    }

    /// <summary>Forgets the spec of a child that is not running.</summary>
    public static Task<SupervisorError> DeleteChildAsync(ProcessRuntime runtime, Pid supervisor, string id, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return CallAsync<SupervisorError>(runtime, supervisor, new DeleteChild(id), timeout);
    }

    /// <summary>Every child, in start order for static children.</summary>
    public static Task<IReadOnlyList<ChildInfo>> WhichChildrenAsync(ProcessRuntime runtime, Pid supervisor, TimeSpan? timeout = null) =>
        CallAsync<IReadOnlyList<ChildInfo>>(runtime, supervisor, WhichChildren.Instance, timeout);

    /// <summary>How many children, running and by type.</summary>
    public static Task<ChildCounts> CountChildrenAsync(ProcessRuntime runtime, Pid supervisor, TimeSpan? timeout = null) =>
        CallAsync<ChildCounts>(runtime, supervisor, CountChildren.Instance, timeout);

    /// <summary>Stops every child in reverse start order, then the supervisor itself (reason shutdown).</summary>
    public static Task StopAsync(ProcessRuntime runtime, Pid supervisor, TimeSpan? timeout = null) =>
        CallAsync<bool>(runtime, supervisor, Stop.Instance, timeout);

    private static Task<T> CallAsync<T>(ProcessRuntime runtime, Pid supervisor, object request, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return runtime.CallAsync<T>(supervisor, request, timeout ?? DefaultTimeout);
    }
}
