namespace DistSys.Streams.Operators;

/// <summary>A filter's <c>where</c>: a test on one event's fields (docs/streaming.md, "filter").</summary>
internal abstract class Predicate
{
    public abstract bool Test(ReadOnlySpan<byte> evt);
}
