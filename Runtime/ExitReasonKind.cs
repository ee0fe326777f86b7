namespace DistSys.Runtime;

/// <summary>The well-known exit reasons of Erlang, plus an exception and a custom reason.</summary>
public enum ExitReasonKind
{
    /// <summary>The process finished its work; non-trapping linked processes ignore it.</summary>
    Normal,

    /// <summary>Sent with <c>Exit(pid, Kill)</c>: untrappable, the target dies with <see cref="Killed"/>.</summary>
    Kill,

    /// <summary>The reason of a process that was killed.</summary>
    Killed,

    /// <summary>Ordered shutdown, typically by a supervisor.</summary>
    Shutdown,

    /// <summary>The process does not exist (or no longer does).</summary>
    NoProc,

    /// <summary>The node the process lives on is unreachable.</summary>
    NoConnection,

    /// <summary>A call or an operation ran out of time.</summary>
    Timeout,

    /// <summary>A handler threw; the exception is the reason.</summary>
    Exception,

    /// <summary>Any other reason, carried as text.</summary>
    Custom,
}
