using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>The calls a supervisor answers, and the messages it sends itself.</summary>
internal static class SupervisorRequests
{
    internal sealed record StartChild(ChildSpec Spec);

    internal sealed record StartDynamicChild(object? Argument);

    internal sealed record TerminateChild(string Id);

    internal sealed record TerminateDynamicChild(Pid Pid);

    internal sealed record RestartChild(string Id);

    internal sealed record DeleteChild(string Id);

    internal sealed record WhichChildren
    {
        public static WhichChildren Instance { get; } = new();
    }

    internal sealed record CountChildren
    {
        public static CountChildren Instance { get; } = new();
    }

    internal sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }

    /// <summary>Start these children (in order) now: a backoff delay ran out, or an earlier start failed.</summary>
    internal sealed record RestartDue(IReadOnlyList<Child> Children, bool IsRetry);
}
