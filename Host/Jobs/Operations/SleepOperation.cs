using System.Globalization;
using System.Text.Json;

namespace DistSys.Host.Jobs.Operations;

/// <summary>
/// <c>sleep</c>: each task waits <c>sleep_ms</c> (for tests and demos: a job that takes a known
/// time and can be cancelled mid-way); the job's result is the total milliseconds slept.
/// </summary>
internal sealed class SleepOperation : IJobOperation
{
    public string Name => "sleep";

    public OperationInput Input => OperationInput.None;

    public string Execute(TaskInput input, CancellationToken cancellation)
    {
        // A blocking wait is right here: the executor runs slow operations on the thread pool, and
        // the wait ends at once when the task is cancelled.
        cancellation.WaitHandle.WaitOne(input.SleepMs);
        cancellation.ThrowIfCancellationRequested();
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
