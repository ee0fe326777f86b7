using System.Text.Json;

namespace DistSys.Jobs;

/// <summary>
/// A validated batch job config (see docs/jobs.md): the operation, how many tasks, the
/// operation's parameters and the input: inline data, or input files by reference (their names,
/// sizes and write times, taken at submit; workers read the bytes, and a file that changed since
/// fails its tasks instead of feeding them other data).
/// </summary>
internal sealed record JobConfig(string Operation, int TaskCount, double Factor, int SleepMs, int MaxRetries, JobInput Input)
{
    public const int MaxDelayMs = 60_000;

    public const int DefaultTaskCount = 4;
    public const int MaxTaskCount = 1_000_000;
    public const int DefaultMaxRetries = 3;
    public const int MaxMaxRetries = 10;
    public const int DefaultTaskTimeoutMs = 300_000;
    public const int MinTaskTimeoutMs = 10;
    public const int MaxTaskTimeoutMs = 3_600_000;
    public const int DefaultSleepMs = 100;
    public const int MaxSleepMs = 60_000;
    public const double MaxFactor = 1e12;
    public const int MaxItems = 1_000_000;
    public const int MaxTextChars = 8 << 20;
    public const long MaxFileBytes = 8 << 20;
    public const int MaxInputFiles = 10_000;
    public const long DefaultPartitionBytes = 64L << 20;
    public const int MaxFieldLength = 256;
    public const int MaxReducers = 1024;
    public const long MaxSafeInteger = (1L << 53) - 1;

    /// <summary>Simulated work: each task waits this long (cancellably) before it runs, for demos of slow jobs.</summary>
    public int DelayMs { get; init; }

    /// <summary>How the input's lines are read: <c>text</c> or <c>ndjson</c>.</summary>
    public string Format { get; init; } = "text";

    /// <summary>The NDJSON field <c>count_by</c> and <c>sum_by</c> group by; null otherwise.</summary>
    public string? Key { get; init; }

    /// <summary>The NDJSON field <c>sum_by</c> adds up, or <c>wordcount</c> reads; null otherwise.</summary>
    public string? Field { get; init; }

    /// <summary>
    /// Keyed operations: how many reduce tasks merge the map tasks' shuffled results (null until the
    /// scheduler picks its default at submit: two per live worker). Other operations: null.
    /// </summary>
    public int? Reducers { get; init; }

    /// <summary>Every task of the job: the map tasks, then the reduce tasks.</summary>
    public int TotalTasks => TaskCount + (Reducers ?? 0);

    /// <summary>How long one attempt of a task may hold its lease before it is cancelled and counted as a failed (timed out) attempt.</summary>
    public int TaskTimeoutMs { get; init; } = DefaultTaskTimeoutMs;

    /// <summary>The canonical JSON that <see cref="JobConfigParser"/> reads back after a restart.</summary>
    public string ToJson() => Operations.JsonText.Write(this, static (writer, c) =>
    {
        writer.WriteStartObject();
        writer.WriteString("operation", c.Operation);
        writer.WriteNumber("task_count", c.Input.Files is null ? c.TaskCount : c.Input.Target);
        writer.WriteNumber("max_retries", c.MaxRetries);
        writer.WriteNumber("task_timeout_ms", c.TaskTimeoutMs);
        if (c.Operation == "multiply")
        {
            writer.WriteNumber("factor", c.Factor);
        }

        if (c.DelayMs > 0)
        {
            writer.WriteNumber("delay_ms", c.DelayMs);
        }

        if (c.Operation == "sleep")
        {
            writer.WriteNumber("sleep_ms", c.SleepMs);
        }

        if (c.Input.Files is not null && c.Format != "text")
        {
            writer.WriteString("format", c.Format);
        }

        if (c.Reducers is { } reducers)
        {
            writer.WriteNumber("reducers", reducers);
        }

        if (c.Key is { } key)
        {
            writer.WriteString("key", key);
        }

        if (c.Field is { } field)
        {
            writer.WriteString("field", field);
        }

        c.Input.WriteTo(writer);
        writer.WriteEndObject();
    });
}

/// <summary>A job's data: a numeric range, inline numbers, text, input files, or nothing.</summary>
internal sealed record JobInput(long RangeStart, long RangeCount, double[]? Numbers, string? Text)
{
    /// <summary>Input files by reference, in the order their slices are planned; null for inline data.</summary>
    public IReadOnlyList<Inputs.InputFile>? Files { get; init; }

    /// <summary>How many slices the files were asked to split into (the config's <c>task_count</c>, or one per 64 MiB).</summary>
    public int Target { get; init; }

    public static JobInput None { get; } = new(0, 0, null, null);

    public static JobInput Range(long start, long count) => new(start, count, null, null);

    public void WriteTo(Utf8JsonWriter writer)
    {
        if (Numbers is { } numbers)
        {
            writer.WriteStartArray("data");
            foreach (var n in numbers)
            {
                writer.WriteNumberValue(n);
            }

            writer.WriteEndArray();
        }
        else if (Text is { } text)
        {
            writer.WriteString("text", text);
        }
        else if (Files is { } files)
        {
            // The stored form: what the submit saw of each file, so a restart plans the same slices.
            writer.WriteStartArray("inputs");
            foreach (var file in files)
            {
                writer.WriteStartObject();
                writer.WriteString("name", file.Name);
                writer.WriteNumber("size", file.Size);
                writer.WriteNumber("written", file.WrittenTicks);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }
        else if (RangeCount > 0)
        {
            writer.WriteStartObject("range");
            writer.WriteNumber("start", RangeStart);
            writer.WriteNumber("end", RangeStart + RangeCount - 1);
            writer.WriteEndObject();
        }
    }
}
