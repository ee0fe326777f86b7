namespace DistSys.Streams.Operators;

/// <summary>Operator chaining: what one operator emits goes straight into the next, in the same process and batch.</summary>
internal sealed class ChainOutput(Operator next, EventOutput after) : EventOutput
{
    public override void Emit(ReadOnlySpan<byte> evt) => next.OnEvent(evt, after);
}
