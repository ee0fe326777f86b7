using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>Only the child that exited.</summary>
internal sealed class OneForOneStrategy : RestartStrategy
{
    public static readonly OneForOneStrategy Instance = new();

    private OneForOneStrategy()
    {
    }

    public override ValueTask RestartAsync(SupervisorProcess supervisor, ProcessContext context, List<Child> children, Child failed) =>
        supervisor.RestartOneAsync(context, failed);
}
