using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary><c>multiply</c>: every number times the config's <c>factor</c>; the job's result is the products in input order.</summary>
internal sealed class MultiplyOperation : IJobOperation
{
    public string Name => "multiply";

    public OperationInput Input => OperationInput.Numbers;

    public TaskPlacement PlaceFor(TaskInput input) => CpuBound.PlaceFor(input);

    public ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation) => ValueTask.FromResult(Execute(input));

    private static string Execute(TaskInput input)
    {
        var factor = input.Factor;
        return JsonText.WriteNumberArray(input, n => n * factor);
    }

    public bool ResultIsItsParts => true;

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var partition in partitions)
        {
            JsonText.CopyArrayElements(partition, writer);
        }

        writer.WriteEndArray();
    }
}
