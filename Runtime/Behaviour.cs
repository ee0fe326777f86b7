using System.Diagnostics.CodeAnalysis;

namespace DistSys.Runtime;

/// <summary>
/// The code of a process: a class whose fields are the process's state and whose
/// <see cref="ReceiveAsync"/> handles one message at a time. Only the process ever calls these
/// methods, so the state needs no locks. A handler may be async; the process handles no other
/// message until it completes. A handler that throws ends its process with the exception as the
/// exit reason.
/// </summary>
[DynamicallyAccessedMembers(Internal.BehaviourTraits.Methods)]
public abstract class Behaviour
{
    /// <summary>Runs first, inside the new process, before any message.</summary>
    protected internal virtual ValueTask InitAsync(ProcessContext context) => default;

    /// <summary>Handles one message.</summary>
    protected internal abstract ValueTask ReceiveAsync(ProcessContext context, object message);

    /// <summary>Runs once as the process exits, whatever the reason; exceptions here are ignored.</summary>
    protected internal virtual void Terminate(ProcessContext context, ExitReason reason)
    {
    }
}
