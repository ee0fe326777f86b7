namespace DistSys.Jobs.Operations;

/// <summary>
/// An operation whose partition results are JSON objects of key → number merged by adding
/// (<see cref="Counts"/>): its results can be shuffled — each map task writes its table into buckets
/// by key (<see cref="MapAsync"/>), and reduce task r merges bucket r of every map task — so no single
/// process ever holds every key.
/// </summary>
internal interface IKeyedOperation : IJobOperation
{
    /// <summary>Runs the task as a map task of a shuffled job: its table goes to <paramref name="output"/> in runs of bounded size.</summary>
    ValueTask MapAsync(TaskInput input, IKeyedOutput output, CancellationToken cancellation);
}
