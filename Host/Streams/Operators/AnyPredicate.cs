namespace DistSys.Streams.Operators;

/// <summary><c>{"any": [...]}</c>: some part holds (false for none).</summary>
internal sealed class AnyPredicate(Predicate[] parts) : Predicate
{
    public override bool Test(ReadOnlySpan<byte> evt)
    {
        foreach (var part in parts)
        {
            if (part.Test(evt))
            {
                return true;
            }
        }

        return false;
    }
}
