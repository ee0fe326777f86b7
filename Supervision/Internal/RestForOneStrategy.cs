using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>The child that exited and every child started after it.</summary>
internal sealed class RestForOneStrategy : RestartStrategy
{
    public static readonly RestForOneStrategy Instance = new();

    private RestForOneStrategy()
    {
    }

    public override ValueTask RestartAsync(SupervisorProcess supervisor, ProcessContext context, List<Child> children, Child failed) =>
        supervisor.RestartGroupAsync(context, children[children.IndexOf(failed)..], failed);
}
