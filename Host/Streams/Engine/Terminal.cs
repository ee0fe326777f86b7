using DistSys.Runtime;
using DistSys.Streams.Operators;

namespace DistSys.Streams.Engine;

/// <summary>
/// The end of an instance's chain: its outputs (<see cref="Router"/>) or, in a sink, where events leave
/// the topology (<see cref="Sinks.SinkTerminal"/>). The instance processes a batch only when it is ready.
/// </summary>
internal abstract class Terminal : EventOutput
{
    public abstract bool Ready { get; }

    public virtual void Wire(EdgeTarget[][] outputs)
    {
    }

    public virtual void NextBatch()
    {
    }

    public virtual void Credit(int output)
    {
    }

    /// <summary>After a batch: sends (or commits) what it emitted, with the mark it has reached.</summary>
    public abstract void Flush(ProcessContext context, long mark, bool end);

    /// <summary>The instance received nothing for the receive timeout the terminal set (a sink's group commit).</summary>
    public virtual void Idle(ProcessContext context)
    {
    }
}
