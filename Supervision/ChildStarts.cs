using DistSys.Runtime;

namespace DistSys.Supervision;

/// <summary>Ready-made <see cref="ChildStart"/> functions for behaviours.</summary>
public static class ChildStarts
{
    /// <summary>
    /// Spawns the behaviour made by <paramref name="factory"/> linked to the supervisor and waits
    /// for its init, so a crash in init is a start failure carrying that reason (OTP's
    /// start_link). A behaviour without an init completes at once, without a thread hop.
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
        var started = supervisor.StartLinkAsync(behaviour, options);
        return started.IsCompletedSuccessfully ? new(started.Result) : new(started);
    }
}
