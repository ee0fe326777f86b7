using System.Globalization;
using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary><c>sum</c>: each partition's sum, and the job's result is their total.</summary>
internal sealed class SumOperation : IJobOperation
{
    public string Name => "sum";

    public OperationInput Input => OperationInput.Numbers;

    public TaskPlacement PlaceFor(TaskInput input) => CpuBound.PlaceFor(input);

    public ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation) => ValueTask.FromResult(Execute(input));

    private static string Execute(TaskInput input)
    {
        var sum = 0.0;
        for (var i = 0L; i < input.Count; i++)
        {
            sum += input.NumberAt(i);
        }

        return sum.ToString("R", CultureInfo.InvariantCulture);
    }

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        var total = 0.0;
        foreach (var partition in partitions)
        {
            total += double.Parse(partition, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        writer.WriteNumberValue(total);
    }
}
