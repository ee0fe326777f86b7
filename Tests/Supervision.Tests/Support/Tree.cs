using DistSys.Runtime;

namespace DistSys.Supervision.Tests.Support;

/// <summary>Reads a supervisor's children by id.</summary>
internal static class Tree
{
    public static async Task<Dictionary<string, Pid>> PidsAsync(ProcessRuntime runtime, Pid supervisor)
    {
        var children = await Supervisor.WhichChildrenAsync(runtime, supervisor);
        return children.ToDictionary(c => c.Id, c => c.Pid);
    }
}
