using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>Every child: the others are stopped in reverse start order, then all start again in order.</summary>
internal sealed class OneForAllStrategy : RestartStrategy
{
    public static readonly OneForAllStrategy Instance = new();

    private OneForAllStrategy()
    {
    }

    public override ValueTask RestartAsync(SupervisorProcess supervisor, ProcessContext context, List<Child> children, Child failed) =>
        supervisor.RestartGroupAsync(context, children, failed);
}
