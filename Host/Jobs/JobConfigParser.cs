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
        ["operation", "task_count", "factor", "sleep_ms", "delay_ms", "max_retries", "task_timeout_ms", "data", "range", "text", "file"];

    /// <summary>
    /// Parses <paramref name="config"/> (null or JSON null means all defaults); exactly one of the
    /// results is non-null. A <c>file</c> is read only inside <paramref name="inputs"/>; without a
    /// root, files are refused.
    /// </summary>
    public static (JobConfig? Config, ConfigError? Error) Parse(JsonElement? config, OperationRegistry operations, InputRoot? inputs = null)
    {
        try
        {
            return (ParseCore(config, operations, inputs), null);
        }
        catch (ConfigException ex)
        {
            return (null, ex.Error);
        }
    }

    private static JobConfig ParseCore(JsonElement? element, OperationRegistry operations, InputRoot? inputs)
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

        var taskCount = Int(fields, "task_count", JobConfig.DefaultTaskCount, 1, JobConfig.MaxTaskCount);
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
        var input = ParseInput(fields, operation, taskCount, inputs);
        return new JobConfig(name, taskCount, factor, sleepMs, maxRetries, input) { DelayMs = delayMs, TaskTimeoutMs = taskTimeoutMs };
    }

    private static void Refuse(Dictionary<string, JsonElement> fields, string field, string operation)
    {
        if (fields.ContainsKey(field))
        {
            Fail($"config.{field}", $"does not apply to {operation}");
        }
    }
}
