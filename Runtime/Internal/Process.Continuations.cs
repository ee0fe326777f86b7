namespace DistSys.Runtime.Internal;

/// <summary>
/// A process is the <see cref="SynchronizationContext"/> of its own handlers: the code after an
/// await is posted back to the process and runs inside one of its turns, serialized with its
/// signal handling, so a handler owns the process's state across awaits too. The process itself
/// is the context (rather than a separate object) so that installing it costs no allocation.
/// </summary>
internal sealed partial class Process
{
    /// <summary>
    /// Queues <paramref name="d"/> as a signal: it keeps its order with other signals and the
    /// process runs it on its next turn. A dead process drops it, so the rest of a handler that
    /// awaited never runs, as an Erlang process killed inside a receive never returns from it.
    /// </summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        PostSignal(new ContinuationSignal(d, state));
    }

    /// <summary>Waiting for a process's turn from inside another turn could deadlock, so it is refused.</summary>
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("a process runs posted work in its own turns; use Post");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs code after an await in this turn; an exception escaping it (async void) ends the process.</summary>
    private void RunContinuation(ContinuationSignal continuation)
    {
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception ex)
        {
            Terminate(ExitReason.FromException(ex));
        }
    }
}
