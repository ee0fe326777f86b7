using System.Globalization;
using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// <c>sleep</c>: each task waits <c>sleep_ms</c> (for tests and demos: a job that takes a known
/// time and can be cancelled mid-way); the job's result is the total milliseconds slept.
/// </summary>
internal sealed class SleepOperation : IJobOperation
{
    public string Name => "sleep";

    public OperationInput Input => OperationInput.None;

    // A timer, not a thread: a worker sleeping max_tasks tasks holds no thread for them.
    public TaskPlacement PlaceFor(TaskInput input) => TaskPlacement.Inline;

    public async ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation)
    {
        await Task.Delay(input.SleepMs, cancellation).ConfigureAwait(false);
        return input.SleepMs.ToString(CultureInfo.InvariantCulture);
    }

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        var total = 0L;
        foreach (var partition in partitions)
        {
            total += long.Parse(partition, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        writer.WriteNumberValue(total);
    }
}
