namespace DistSys.Streams.Operators;

/// <summary><c>{"all": [...]}</c>: every part holds (true for none).</summary>
internal sealed class AllPredicate(Predicate[] parts) : Predicate
{
    public override bool Test(ReadOnlySpan<byte> evt)
    {
        foreach (var part in parts)
        {
            if (!part.Test(evt))
            {
                return false;
            }
        }

        return true;
    }
}
