namespace DistSys.Streams.Operators;

/// <summary>The tests a field predicate makes: <c>eq ne gt ge lt le in exists</c>.</summary>
internal enum CompareOp
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    In,
    Exists,
}
