namespace DistSys.Transport.Messages;

/// <summary>The well-known exit reasons, encoded in one byte; anything else travels as text.</summary>
public enum ExitReasonKind : byte
{
    /// <summary>The process finished its work.</summary>
    Normal = 0,

    /// <summary>An untrappable kill request.</summary>
    Kill = 1,

    /// <summary>The process was killed (what a linked process sees after <see cref="Kill"/>).</summary>
    Killed = 2,

    /// <summary>Orderly shutdown by a supervisor.</summary>
    Shutdown = 3,

    /// <summary>The process did not exist.</summary>
    NoProc = 4,

    /// <summary>The connection to the process's node was lost.</summary>
    NoConnection = 5,

    /// <summary>Something timed out.</summary>
    Timeout = 6,

    /// <summary>Any other reason, carried as a bounded UTF-8 string.</summary>
    Other = 255,
}
