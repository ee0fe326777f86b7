namespace DistSys.Transport.Messages;

/// <summary>
/// Why a process exited: the well-known reasons of Erlang (one byte on the wire), an exception and a
/// custom reason. The one enum for the runtime's <c>ExitReason</c> and the wire's <see cref="WireExitReason"/>.
/// </summary>
public enum ExitReasonKind : byte
{
    /// <summary>The process finished its work; non-trapping linked processes ignore it.</summary>
    Normal = 0,

    /// <summary>Sent with <c>Exit(pid, Kill)</c>: untrappable, the target dies with <see cref="Killed"/>.</summary>
    Kill = 1,

    /// <summary>The reason of a process that was killed.</summary>
    Killed = 2,

    /// <summary>Ordered shutdown, typically by a supervisor.</summary>
    Shutdown = 3,

    /// <summary>The process does not exist (or no longer does).</summary>
    NoProc = 4,

    /// <summary>The node the process lives on is unreachable.</summary>
    NoConnection = 5,

    /// <summary>A call or an operation ran out of time.</summary>
    Timeout = 6,

    /// <summary>A handler threw; the exception is the reason. Never on the wire: it travels as <see cref="Custom"/> text.</summary>
    Exception = 7,

    /// <summary>Any other reason, carried as text (on the wire a bounded UTF-8 string).</summary>
    Custom = 255,
}
