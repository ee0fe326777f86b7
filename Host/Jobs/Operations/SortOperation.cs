using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary><c>sort</c>: each partition sorted ascending, and the job's result is all the numbers sorted.</summary>
internal sealed class SortOperation : IJobOperation
{
    public string Name => "sort";

    public OperationInput Input => OperationInput.Numbers;

    public TaskPlacement PlaceFor(TaskInput input) => CpuBound.PlaceFor(input);

    public ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation) => ValueTask.FromResult(Execute(input));

    private static string Execute(TaskInput input)
    {
        var values = new double[input.Count];
        for (var i = 0L; i < values.LongLength; i++)
        {
            values[i] = input.NumberAt(i);
        }

        Array.Sort(values);
        return JsonText.Write(values, static (writer, v) =>
        {
            writer.WriteStartArray();
            foreach (var n in v)
            {
                writer.WriteNumberValue(n);
            }

            writer.WriteEndArray();
        });
    }

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        // Partitions are each sorted; a merge of k runs would save a log factor the sizes here never need.
        var all = new List<double>();
        foreach (var partition in partitions)
        {
            using var doc = JsonDocument.Parse(partition);
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                all.Add(item.GetDouble());
            }
        }

        all.Sort();
        writer.WriteStartArray();
        foreach (var n in all)
        {
            writer.WriteNumberValue(n);
        }

        writer.WriteEndArray();
    }
}
