using DistSys.Streams.Operators;

namespace DistSys.Streams.Engine;

/// <summary>Counts what an instance's chain emits into its terminal.</summary>
internal sealed class CountingOutput(Terminal terminal, NodeStats stats) : EventOutput
{
    public override void Emit(ReadOnlySpan<byte> evt)
    {
        stats.AddOut(1);
        terminal.Emit(evt);
    }
}
