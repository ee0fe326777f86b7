namespace DistSys.Runtime;

/// <summary>What a process is doing, as seen from outside.</summary>
public enum ProcessStatus
{
    /// <summary>Waiting for a message.</summary>
    Waiting,

    /// <summary>Queued on, or running on, a scheduler.</summary>
    Runnable,

    /// <summary>Its handler awaits something; messages wait in the mailbox.</summary>
    Suspended,

    /// <summary>It has exited.</summary>
    Exited,
}
