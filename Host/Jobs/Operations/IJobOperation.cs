using System.Text.Json;

namespace DistSys.Host.Jobs.Operations;

/// <summary>
/// One kind of batch work. A worker runs <see cref="Execute"/> on one partition and returns the
/// partition's result as JSON; the master joins the partitions' results with <see cref="Combine"/>.
/// Both must be deterministic, so a re-run task gives the same answer.
/// </summary>
internal interface IJobOperation
{
    /// <summary>The name a job config's <c>operation</c> field selects (plugin operations are <c>plugin:NAME</c>).</summary>
    string Name { get; }

    /// <summary>What a partition holds for this operation.</summary>
    OperationInput Input { get; }

    /// <summary>Runs one partition; throw to fail the attempt. Long work should watch <paramref name="cancellation"/>.</summary>
    string Execute(TaskInput input, CancellationToken cancellation);

    /// <summary>Writes the job's result from its partitions' results, in partition order.</summary>
    void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer);
}
