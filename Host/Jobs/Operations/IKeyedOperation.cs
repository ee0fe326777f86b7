namespace DistSys.Jobs.Operations;

/// <summary>
/// An operation whose partition results are JSON objects of key → number merged by adding
/// (<see cref="Counts"/>): its results can be shuffled — each map task splits its object into buckets
/// by key, and reduce task r merges bucket r of every map task — so no single process ever holds
/// every key.
/// </summary>
internal interface IKeyedOperation : IJobOperation;
