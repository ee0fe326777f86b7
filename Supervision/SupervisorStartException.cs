using DistSys.Runtime;

namespace DistSys.Supervision;

/// <summary>A supervisor could not start because one of its children failed to start.</summary>
public sealed class SupervisorStartException : Exception
{
    public SupervisorStartException(string childId, ExitReason reason)
        : base($"child '{childId}' failed to start: {reason}", reason?.Exception)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ChildId = childId;
        Reason = reason;
    }

    /// <summary>The child that failed.</summary>
    public string ChildId { get; }

    /// <summary>Why it failed.</summary>
    public ExitReason Reason { get; }
}
