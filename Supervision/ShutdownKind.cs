namespace DistSys.Supervision;

/// <summary>The three ways of stopping a child.</summary>
public enum ShutdownKind
{
    /// <summary>Send shutdown, kill after the timeout.</summary>
    Timeout,

    /// <summary>Kill at once.</summary>
    BrutalKill,

    /// <summary>Send shutdown and wait for as long as it takes.</summary>
    Infinity,
}
