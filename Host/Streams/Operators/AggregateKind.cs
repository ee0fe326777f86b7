namespace DistSys.Streams.Operators;

/// <summary>The running aggregates per key.</summary>
internal enum AggregateKind
{
    Count,
    Sum,
    Min,
    Max,
}

internal static class AggregateKindNames
{
    public static string Name(this AggregateKind kind) => kind switch
    {
        AggregateKind.Count => "count",
        AggregateKind.Sum => "sum",
        AggregateKind.Min => "min",
        _ => "max",
    };
}
