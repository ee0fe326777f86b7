using System.Text.Json;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs;

/// <summary>
/// Reads and validates a batch job's <c>config</c> object. Every refusal names its field; a
/// missing config (the seed's <c>submit batch "Mi Trabajo"</c>) is the documented default:
/// <c>sum</c> over 1..40 in 4 tasks.
/// </summary>
internal static partial class JobConfigParser
{
    private static readonly HashSet<string> s_known =
        [
            "operation", "task_count", "factor", "sleep_ms", "delay_ms", "max_retries", "task_timeout_ms",
            "data", "range", "text", "file", "files", "dir", "glob", "format", "key", "field", "reducers", "inputs",
        ];

    /// <summary>
    /// Parses <paramref name="config"/> (null or JSON null means all defaults); exactly one of the
    /// results is non-null. Files are named only inside <paramref name="inputs"/>; without a root,
    /// they are refused. <paramref name="stored"/> reads a config back from the store
    /// (<see cref="JobConfig.ToJson"/>), whose file inputs are the files as the submit saw them.
    /// </summary>
    public static (JobConfig? Config, ConfigError? Error) Parse(JsonElement? config, OperationRegistry operations, InputRoot? inputs = null, bool stored = false)
    {
        try
        {
            return (ParseCore(config, operations, inputs, stored), null);
        }
        catch (ConfigException ex)
        {
            return (null, ex.Error);
        }
    }

    private static JobConfig ParseCore(JsonElement? element, OperationRegistry operations, InputRoot? inputs, bool stored)
    {
        var config = element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } e ? e : default;
        if (config.ValueKind is not JsonValueKind.Undefined and not JsonValueKind.Object)
        {
            Fail("config", "must be a JSON object");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (config.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in config.EnumerateObject())
            {
                if (!s_known.Contains(property.Name))
                {
                    Fail($"config.{property.Name}", $"unknown field (known: {string.Join(", ", s_known)})");
                }

                if (!fields.TryAdd(property.Name, property.Value))
                {
                    Fail($"config.{property.Name}", "appears twice");
                }
            }
        }

        var name = fields.TryGetValue("operation", out var op) ? String(op, "operation", 128) : "sum";
        if (!operations.TryGet(name, out var operation))
        {
            Fail("config.operation", $"unknown operation '{name}' (known: {string.Join(", ", operations.Names)})");
        }

        int? givenTaskCount = fields.ContainsKey("task_count") ? Int(fields, "task_count", 0, 1, JobConfig.MaxTaskCount) : null;
        var maxRetries = Int(fields, "max_retries", JobConfig.DefaultMaxRetries, 0, JobConfig.MaxMaxRetries);
        var taskTimeoutMs = Int(fields, "task_timeout_ms", JobConfig.DefaultTaskTimeoutMs, JobConfig.MinTaskTimeoutMs, JobConfig.MaxTaskTimeoutMs);
        var factor = 0.0;
        if (name == "multiply")
        {
            if (!fields.TryGetValue("factor", out var f))
            {
                Fail("config.factor", "is required for multiply");
            }

            factor = Number(f, "factor");
            if (factor is < 0 or > JobConfig.MaxFactor)
            {
                Fail("config.factor", $"must be from 0 to {JobConfig.MaxFactor:0}");
            }
        }
        else
        {
            Refuse(fields, "factor", name);
        }

        var sleepMs = 0;
        if (name == "sleep")
        {
            sleepMs = Int(fields, "sleep_ms", JobConfig.DefaultSleepMs, 0, JobConfig.MaxSleepMs);
        }
        else
        {
            Refuse(fields, "sleep_ms", name);
        }

        var delayMs = Int(fields, "delay_ms", 0, 0, JobConfig.MaxDelayMs);
        var input = ParseInput(fields, operation, givenTaskCount, inputs, stored);
        var (format, key, field) = Fields(fields, operation, input);
        var taskCount = input.Files is { } files ? FileSlice.Plan(files, input.Target).Count : givenTaskCount ?? JobConfig.DefaultTaskCount;
        int? reducers = null;
        if (operation is IKeyedOperation)
        {
            reducers = fields.ContainsKey("reducers") ? Int(fields, "reducers", 0, 1, JobConfig.MaxReducers) : null;
        }
        else
        {
            Refuse(fields, "reducers", name);
        }

        return new JobConfig(name, taskCount, factor, sleepMs, maxRetries, input)
        {
            Reducers = reducers,
            DelayMs = delayMs,
            TaskTimeoutMs = taskTimeoutMs,
            Format = format,
            Key = key,
            Field = field,
        };
    }

    /// <summary>
    /// <c>format</c>, <c>key</c> and <c>field</c>: NDJSON operations (count_by, sum_by) read records and
    /// need their key (and sum_by its field); wordcount reads text, or NDJSON with the string field it
    /// counts; nothing else takes them.
    /// </summary>
    private static (string Format, string? Key, string? Field) Fields(Dictionary<string, JsonElement> fields, IJobOperation operation, JobInput input)
    {
        var records = operation.Input == OperationInput.Records;
        var format = fields.TryGetValue("format", out var f) ? String(f, "format", 16) : records ? "ndjson" : "text";
        if (format is not ("text" or "ndjson"))
        {
            Fail("config.format", "must be \"text\" or \"ndjson\"");
        }

        if (operation.Input is not (OperationInput.Text or OperationInput.Records) || (input.Files is null && input.Text is null))
        {
            Refuse(fields, "format", operation.Name);
        }

        if (records && format != "ndjson")
        {
            Fail("config.format", $"{operation.Name} reads NDJSON records");
        }

        if (!records && format == "ndjson" && operation.Name != "wordcount")
        {
            Fail("config.format", $"{operation.Name} reads text lines");
        }

        var needsKey = records;
        var needsField = operation.Name == "sum_by" || (operation.Name == "wordcount" && format == "ndjson");
        string? key = null, field = null;
        if (needsKey)
        {
            key = fields.TryGetValue("key", out var k) ? String(k, "key", JobConfig.MaxFieldLength) : Fail<string>("config.key", $"is required for {operation.Name}: the field to group by");
        }
        else
        {
            Refuse(fields, "key", operation.Name);
        }

        if (needsField)
        {
            field = fields.TryGetValue("field", out var v) ? String(v, "field", JobConfig.MaxFieldLength) : Fail<string>("config.field", $"is required for {operation.Name} over NDJSON: the field to read");
        }
        else if (fields.ContainsKey("field"))
        {
            Fail("config.field", format == "ndjson" || records ? $"does not apply to {operation.Name}" : "applies only with \"format\": \"ndjson\"");
        }

        return (format, key, field);
    }

    private static void Refuse(Dictionary<string, JsonElement> fields, string field, string operation)
    {
        if (fields.ContainsKey(field))
        {
            Fail($"config.{field}", $"does not apply to {operation}");
        }
    }
}
