using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>
/// Which children a static supervisor restarts when one has to be: one small type per strategy
/// (<see cref="OneForOneStrategy"/>, <see cref="OneForAllStrategy"/>, <see cref="RestForOneStrategy"/>),
/// chosen once from the spec. Stateless; the supervisor does the stopping and starting.
/// </summary>
internal abstract class RestartStrategy
{
    public static RestartStrategy For(SupervisorStrategy strategy) => strategy switch
    {
        SupervisorStrategy.OneForAll => OneForAllStrategy.Instance,
        SupervisorStrategy.RestForOne => RestForOneStrategy.Instance,
        SupervisorStrategy.OneForOne => OneForOneStrategy.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "simple_one_for_one is its own supervisor kind"),
    };

    /// <summary>Restarts <paramref name="failed"/> and the children this strategy restarts with it (<paramref name="children"/> in start order).</summary>
    public abstract ValueTask RestartAsync(SupervisorProcess supervisor, ProcessContext context, List<Child> children, Child failed);
}
