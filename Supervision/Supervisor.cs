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
    public static Task<Pid> StartAsync(ProcessRuntime runtime, SupervisorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        return UnwrapStartFailureAsync(runtime.StartAsync(SupervisorProcess.Create(spec, Pid.None), OptionsOf(spec)));
    }

    /// <summary>
    /// Starts a supervisor linked to the calling process (a parent supervisor's start function);
    /// a start failure throws as <see cref="StartAsync"/>.
    /// </summary>
    public static async ValueTask<Pid> StartLinkAsync(ProcessContext parent, SupervisorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        return await UnwrapStartFailureAsync(parent.StartLinkAsync(SupervisorProcess.Create(spec, parent.Self), OptionsOf(spec))).ConfigureAwait(false);
    }

    private static SpawnOptions OptionsOf(SupervisorSpec spec) => new() { TrapExit = true, Name = spec.Name };

    private static async Task<Pid> UnwrapStartFailureAsync(Task<Pid> started)
    {
        try
        {
            return await started.ConfigureAwait(false);
        }
        catch (CallException ex) when (ex.Reason.Exception is SupervisorStartException failed)
        {
            throw new SupervisorStartException(failed.ChildId, failed.Reason);
        }
    }
}
