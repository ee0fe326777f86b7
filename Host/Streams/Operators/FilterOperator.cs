namespace DistSys.Streams.Operators;

/// <summary>filter: passes the events its condition holds for, unchanged.</summary>
internal sealed class FilterOperator(Predicate where) : Operator
{
    public override void OnEvent(ReadOnlySpan<byte> evt, EventOutput output)
    {
        if (where.Test(evt))
        {
            output.Emit(evt);
        }
    }
}
