using DistSys.Runtime;

namespace DistSys.Supervision;

/// <summary>Ready-made <see cref="ChildStart"/> functions for behaviours.</summary>
public static class ChildStarts
{
    /// <summary>
    /// Spawns the behaviour made by <paramref name="factory"/>, waits for its init (so a crash in
    /// init is a start failure carrying that reason, as OTP's start_link), then links it to the
    /// supervisor. A behaviour without an init completes at once, without a thread hop.
    /// </summary>
    public static ChildStart Linked(Func<object?, Behaviour> factory, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return (supervisor, argument) => StartLinkedAsync(supervisor, factory(argument), options);
    }

    /// <summary>Like <see cref="Linked(Func{object?, Behaviour}, SpawnOptions?)"/> for a factory without an argument.</summary>
    public static ChildStart Linked(Func<Behaviour> factory, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return (supervisor, _) => StartLinkedAsync(supervisor, factory(), options);
    }

    private static ValueTask<Pid> StartLinkedAsync(ProcessContext supervisor, Behaviour behaviour, SpawnOptions? options)
    {
        var started = supervisor.Runtime.StartAsync(behaviour, options);
        if (started.IsCompletedSuccessfully)
        {
            supervisor.Link(started.Result);
            return new(started.Result);
        }

        return AwaitAndLinkAsync(supervisor, started);
    }

    private static async ValueTask<Pid> AwaitAndLinkAsync(ProcessContext supervisor, Task<Pid> started)
    {
        // If the child dies between its init and this link, the link answers with noproc: the
        // supervisor still learns of the exit and applies its policy.
        var pid = await started.ConfigureAwait(false);
        supervisor.Link(pid);
        return pid;
    }
}
