using DistSys.Runtime;
using DistSys.Supervision.Internal;

namespace DistSys.Supervision;

/// <summary>
/// Starting supervisors (OTP's supervisor:start_link). A supervisor is a process; see
/// <see cref="SupervisorSpec"/> for what it runs and the other half of this class for its API.
/// </summary>
public static partial class Supervisor
{
    /// <summary>How long an API call waits for the supervisor by default (it may be busy stopping children).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts a top-level supervisor and completes once all its children started. Throws
    /// <see cref="SupervisorStartException"/> naming the child that failed to start (the ones
    /// started before it are stopped again).
    /// </summary>
    public static async Task<Pid> StartAsync(ProcessRuntime runtime, SupervisorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return await StartCoreAsync(runtime, spec, Pid.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a supervisor linked to the calling process (a parent supervisor's start function);
    /// a start failure throws as <see cref="StartAsync"/>.
    /// </summary>
    public static async ValueTask<Pid> StartLinkAsync(ProcessContext parent, SupervisorSpec spec)
    {
        var pid = await StartCoreAsync(parent.Runtime, spec, parent.Self).ConfigureAwait(false);
        parent.Link(pid);
        return pid;
    }

    private static async Task<Pid> StartCoreAsync(ProcessRuntime runtime, SupervisorSpec spec, Pid parent)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var options = new SpawnOptions { TrapExit = true, Name = spec.Name };
        try
        {
            return await runtime.StartAsync(new SupervisorProcess(spec, parent), options).ConfigureAwait(false);
        }
        catch (CallException ex) when (ex.Reason.Exception is SupervisorStartException failed)
        {
            throw new SupervisorStartException(failed.ChildId, failed.Reason);
        }
    }
}
