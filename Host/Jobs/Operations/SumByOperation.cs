using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// <c>sum_by</c>: over NDJSON lines, the sum of number field <c>"field"</c> for each value of field
/// <c>"key"</c>. An object whose <c>field</c> is missing or null adds nothing; one whose field holds
/// anything but a number fails the task, naming the file and byte offset. The job's result is one
/// object of value → sum.
/// </summary>
internal sealed class SumByOperation : IKeyedOperation
{
    public string Name => "sum_by";

    public OperationInput Input => OperationInput.Records;

    public TaskPlacement PlaceFor(TaskInput input) => CpuBound.PlaceFor(input);

    public async ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation) =>
        (await SumAsync(input, new KeyedTable<double>(null), cancellation).ConfigureAwait(false)).ToJson();

    public async ValueTask MapAsync(TaskInput input, IKeyedOutput output, CancellationToken cancellation) =>
        (await SumAsync(input, new KeyedTable<double>(output), cancellation).ConfigureAwait(false)).Finish();

    private static async ValueTask<KeyedTable<double>> SumAsync(TaskInput input, KeyedTable<double> sums, CancellationToken cancellation)
    {
        await input.ForEachLineAsync((offset, line) =>
        {
            if (LineText.IsBlank(line) || !LineText.TryField(line, input.Key!, input, offset, out _, out var key, out _))
            {
                return;
            }

            if (LineText.TryField(line, input.Field!, input, offset, out var type, out _, out var value))
            {
                if (type != JsonTokenType.Number || !double.IsFinite(value))
                {
                    throw new InvalidDataException($"{input.Where(offset)}: field '{input.Field}' is not a finite number");
                }

                sums.Add(key, value);
            }
        }, cancellation).ConfigureAwait(false);
        return sums;
    }

    // Shuffled: each key is in exactly one reducer's part, so the parts together are the result.
    public bool ResultIsItsParts => true;

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer) => Counts.Combine(partitions, writer);
}
