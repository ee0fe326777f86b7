namespace DistSys.Streams.Operators;

/// <summary>Where an operator puts what it emits: the next operator of its chain, or the instance's outputs.</summary>
internal abstract class EventOutput
{
    public abstract void Emit(ReadOnlySpan<byte> evt);
}
