using System.Globalization;
using System.Text.Json;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs;

/// <summary>The input half of the config: data, range, text or file, one at most.</summary>
internal static partial class JobConfigParser
{
    private static JobInput ParseInput(Dictionary<string, JsonElement> fields, IJobOperation operation, int taskCount, InputRoot? inputs)
    {
        string[] sources = ["data", "range", "text", "file"];
        var given = sources.Where(fields.ContainsKey).ToArray();
        if (given.Length > 1)
        {
            Fail($"config.{given[1]}", $"give only one input ({string.Join(", ", given)} were given)");
        }

        var source = given.Length == 1 ? given[0] : null;
        switch (operation.Input)
        {
            case OperationInput.None:
                if (source is not null)
                {
                    Fail($"config.{source}", $"{operation.Name} takes no input");
                }

                return JobInput.None;
            case OperationInput.Text:
                return source switch
                {
                    "text" => new JobInput(0, 0, null, String(fields["text"], "text", JobConfig.MaxTextChars)),
                    "file" => new JobInput(0, 0, null, ReadFile(fields["file"], inputs)),
                    null => Fail<JobInput>("config.text", $"{operation.Name} needs text or file"),
                    _ => Fail<JobInput>($"config.{source}", $"{operation.Name} takes text or file"),
                };
            default:
                return source switch
                {
                    "data" => new JobInput(0, 0, Numbers(fields["data"]), null),
                    "range" => Range(fields["range"]),
                    "file" => new JobInput(0, 0, NumbersFromText(ReadFile(fields["file"], inputs)), null),
                    null => JobInput.Range(1, 10L * taskCount),
                    _ => Fail<JobInput>($"config.{source}", $"{operation.Name} takes data, range or file"),
                };
        }
    }

    private static double[] Numbers(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Array)
        {
            Fail("config.data", "must be an array of numbers");
        }

        var length = data.GetArrayLength();
        if (length > JobConfig.MaxItems)
        {
            Fail("config.data", $"holds {length} items; at most {JobConfig.MaxItems}");
        }

        var numbers = new double[length];
        var i = 0;
        foreach (var item in data.EnumerateArray())
        {
            numbers[i] = Number(item, $"data[{i}]");
            i++;
        }

        return numbers;
    }

    private static JobInput Range(JsonElement range)
    {
        if (range.ValueKind != JsonValueKind.Object)
        {
            Fail("config.range", "must be an object {\"start\": N, \"end\": M} (inclusive)");
        }

        var start = Integer(range, "start");
        var end = Integer(range, "end");
        if (end < start)
        {
            Fail("config.range.end", "must not be less than start");
        }

        if (end - start + 1 > JobConfig.MaxItems)
        {
            Fail("config.range", $"holds {end - start + 1} numbers; at most {JobConfig.MaxItems}");
        }

        return JobInput.Range(start, end - start + 1);
    }

    private static long Integer(JsonElement range, string name)
    {
        if (!range.TryGetProperty(name, out var value))
        {
            Fail($"config.range.{name}", "is required");
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || Math.Abs(n) > JobConfig.MaxSafeInteger)
        {
            return Fail<long>($"config.range.{name}", $"must be a whole number within ±{JobConfig.MaxSafeInteger}");
        }

        return n;
    }

    private static string ReadFile(JsonElement file, InputRoot? inputs)
    {
        var name = String(file, "file", InputRoot.MaxNameLength);
        if (inputs is null)
        {
            return Fail<string>("config.file", "this node has no input root: give data, range or text");
        }

        var read = inputs.ReadAll(name, JobConfig.MaxFileBytes);
        return read.Text ?? Fail<string>("config.file", read.Refusal!);
    }

    private static double[] NumbersFromText(string text)
    {
        var parts = text.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > JobConfig.MaxItems)
        {
            Fail("config.file", $"holds {parts.Length} numbers; at most {JobConfig.MaxItems}");
        }

        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i]))
            {
                // The item itself is not quoted: a file's content never reaches an answer.
                Fail("config.file", $"item {i} is not a number");
            }
        }

        return numbers;
    }
}
