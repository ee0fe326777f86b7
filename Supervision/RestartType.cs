namespace DistSys.Supervision;

/// <summary>When a supervisor restarts a child that exited (OTP's restart type).</summary>
public enum RestartType
{
    /// <summary>Always restarted, whatever the reason.</summary>
    Permanent,

    /// <summary>Restarted only after an abnormal exit (not normal, not shutdown).</summary>
    Transient,

    /// <summary>Never restarted; its spec is removed when it exits.</summary>
    Temporary,
}
