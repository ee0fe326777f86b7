using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// One kind of batch work. A worker runs <see cref="ExecuteAsync"/> on one partition and returns the
/// partition's result as JSON; the master joins the partitions' results with <see cref="Combine"/>.
/// Both must be deterministic, so a re-run task gives the same answer.
/// </summary>
internal interface IJobOperation
{
    /// <summary>The name a job config's <c>operation</c> field selects (plugin operations are <c>plugin:NAME</c>).</summary>
    string Name { get; }

    /// <summary>What a partition holds for this operation.</summary>
    OperationInput Input { get; }

    /// <summary>
    /// Where the executor runs <paramref name="input"/>'s partition: in its own turn (quick work, or
    /// work that only awaits) or on the thread pool (CPU work that would hold the executor up).
    /// </summary>
    TaskPlacement PlaceFor(TaskInput input);

    /// <summary>
    /// Runs one partition; throw to fail the attempt. Waiting must be asynchronous (never block a
    /// thread) and awaits use <c>ConfigureAwait(false)</c>, so nothing resumes on the executor's
    /// process; <paramref name="cancellation"/> fires when the attempt is revoked or cancelled.
    /// </summary>
    ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation);

    /// <summary>Writes the job's result from its partitions' results, in partition order.</summary>
    void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer);

    /// <summary>
    /// True when the job's result is its partitions' results laid end to end (<c>multiply</c>'s
    /// products, a shuffled job's reducers), so the result can be streamed part after part; false when
    /// combining computes something new (<c>sum</c>'s total, <c>sort</c>'s merge).
    /// </summary>
    bool ResultIsItsParts => false;
}
