using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// <c>count_by</c>: over NDJSON lines, how many objects hold each value of field <c>"key"</c> (strings
/// as they are; numbers and booleans by their JSON text). Objects without the field, or with null
/// there, and blank lines are not counted. The job's result is one object of value → count.
/// </summary>
internal sealed class CountByOperation : IKeyedOperation
{
    public string Name => "count_by";

    public OperationInput Input => OperationInput.Records;

    public TaskPlacement PlaceFor(TaskInput input) => CpuBound.PlaceFor(input);

    public async ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation) =>
        (await CountAsync(input, new KeyedTable<long>(null), cancellation).ConfigureAwait(false)).ToJson();

    public async ValueTask MapAsync(TaskInput input, IKeyedOutput output, CancellationToken cancellation) =>
        (await CountAsync(input, new KeyedTable<long>(output), cancellation).ConfigureAwait(false)).Finish();

    private static async ValueTask<KeyedTable<long>> CountAsync(TaskInput input, KeyedTable<long> counts, CancellationToken cancellation)
    {
        await input.ForEachLineAsync((offset, line) =>
        {
            if (!LineText.IsBlank(line) && LineText.TryField(line, input.Key!, input, offset, out _, out var key, out _))
            {
                counts.Add(key, 1);
            }
        }, cancellation).ConfigureAwait(false);
        return counts;
    }

    // Shuffled: each key is in exactly one reducer's part, so the parts together are the result.
    public bool ResultIsItsParts => true;

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer) => Counts.Combine(partitions, writer);
}
