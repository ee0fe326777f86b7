using DistSys.Streams.Events;

namespace DistSys.Streams.Operators;

/// <summary><c>{"field": F, "gt": 0}</c> and the like: one test on one top-level field; a missing field fails all but <c>ne</c> and <c>exists: false</c>.</summary>
internal sealed class FieldPredicate(string field, CompareOp op, Operand[] operands, bool exists) : Predicate
{
    private readonly byte[] _field = System.Text.Encoding.UTF8.GetBytes(field);

    public override bool Test(ReadOnlySpan<byte> evt)
    {
        if (!JsonFields.TryGet(evt, _field, out var raw, out var type))
        {
            return op == CompareOp.Ne || (op == CompareOp.Exists && !exists);
        }

        switch (op)
        {
            case CompareOp.Exists:
                return exists;
            case CompareOp.Eq:
                return operands[0].EqualTo(raw, type);
            case CompareOp.Ne:
                return !operands[0].EqualTo(raw, type);
            case CompareOp.In:
                foreach (var operand in operands)
                {
                    if (operand.EqualTo(raw, type))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return operands[0].CompareFrom(raw, type) is { } sign && op switch
                {
                    CompareOp.Gt => sign > 0,
                    CompareOp.Ge => sign >= 0,
                    CompareOp.Lt => sign < 0,
                    _ => sign <= 0,
                };
        }
    }
}
