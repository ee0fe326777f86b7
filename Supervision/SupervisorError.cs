namespace DistSys.Supervision;

/// <summary>Why a supervisor API request was refused (expected outcomes, not exceptions).</summary>
public enum SupervisorError
{
    /// <summary>It succeeded.</summary>
    None,

    /// <summary>No child has that id (or pid).</summary>
    NotFound,

    /// <summary>A child with that id exists and is running.</summary>
    AlreadyStarted,

    /// <summary>A child with that id exists but is not running (restart or delete it).</summary>
    AlreadyPresent,

    /// <summary>The child is running, so it cannot be restarted or deleted.</summary>
    Running,

    /// <summary>The start function failed; the result carries the reason.</summary>
    StartFailed,

    /// <summary>The request does not apply to this strategy (e.g. ids under simple_one_for_one).</summary>
    NotSupported,
}
