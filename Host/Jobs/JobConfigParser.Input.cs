using System.Globalization;
using System.Text.Json;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs;

/// <summary>The input half of the config: data, range, text, or input files (file, files, dir + glob), one at most.</summary>
internal static partial class JobConfigParser
{
    private static JobInput ParseInput(Dictionary<string, JsonElement> fields, IJobOperation operation, int? taskCount, InputRoot? inputs, bool stored)
    {
        string[] sources = stored ? ["data", "range", "text", "file", "files", "dir", "inputs"] : ["data", "range", "text", "file", "files", "dir"];
        var given = sources.Where(fields.ContainsKey).ToArray();
        if (given.Length > 1)
        {
            Fail($"config.{given[1]}", $"give only one input ({string.Join(", ", given)} were given)");
        }

        if (!stored && fields.ContainsKey("inputs"))
        {
            Fail("config.inputs", "is the stored form of file inputs: give file, files or dir");
        }

        var source = given.Length == 1 ? given[0] : null;
        if (source != "dir" && fields.ContainsKey("glob"))
        {
            Fail("config.glob", "applies only with dir");
        }

        switch (operation.Input)
        {
            case OperationInput.None:
                if (source is not null)
                {
                    Fail($"config.{source}", $"{operation.Name} takes no input");
                }

                return JobInput.None;
            case OperationInput.Text or OperationInput.Records:
                return source switch
                {
                    "text" => new JobInput(0, 0, null, String(fields["text"], "text", JobConfig.MaxTextChars)),
                    "file" or "files" or "dir" or "inputs" => FilesInput(fields, source, taskCount, inputs),
                    null => Fail<JobInput>("config.text", $"{operation.Name} needs text, file, files or dir"),
                    _ => Fail<JobInput>($"config.{source}", $"{operation.Name} takes text, file, files or dir"),
                };
            default:
                return source switch
                {
                    "data" => new JobInput(0, 0, Numbers(fields["data"]), null),
                    "range" => Range(fields["range"]),
                    "file" => new JobInput(0, 0, NumbersFromText(ReadFile(fields["file"], inputs)), null),
                    null => JobInput.Range(1, 10L * (taskCount ?? JobConfig.DefaultTaskCount)),
                    _ => Fail<JobInput>($"config.{source}", $"{operation.Name} takes data, range or file"),
                };
        }
    }

    /// <summary>
    /// Input files by reference: the master stats them (inside the input root) and plans slices from
    /// their sizes; it never reads them. From the store, the recorded files are taken as they were.
    /// </summary>
    private static JobInput FilesInput(Dictionary<string, JsonElement> fields, string source, int? taskCount, InputRoot? inputs)
    {
        var files = source == "inputs" ? StoredFiles(fields["inputs"]) : StatFiles(fields, source, inputs);
        var total = files.Sum(f => f.Size);
        var target = taskCount ?? (int)Math.Clamp((total + JobConfig.DefaultPartitionBytes - 1) / JobConfig.DefaultPartitionBytes, 1, JobConfig.MaxTaskCount);
        return new JobInput(0, 0, null, null) { Files = files, Target = target };
    }

    private static List<InputFile> StatFiles(Dictionary<string, JsonElement> fields, string source, InputRoot? inputs)
    {
        if (inputs is null)
        {
            return Fail<List<InputFile>>($"config.{source}", "this node has no input root: give text");
        }

        if (source == "dir")
        {
            var directory = String(fields["dir"], "dir", InputRoot.MaxNameLength);
            var glob = fields.TryGetValue("glob", out var g) ? String(g, "glob", 256) : "*";
            var listed = inputs.List(directory, glob, JobConfig.MaxInputFiles, out var refusal) ?? Fail<List<InputFile>>("config.dir", refusal!);
            return listed.Count > 0 ? listed : Fail<List<InputFile>>("config.glob", $"no file in '{directory}' matches '{glob}'");
        }

        var names = new List<(string Name, string Field)>();
        if (source == "file")
        {
            names.Add((String(fields["file"], "file", InputRoot.MaxNameLength), "file"));
        }
        else
        {
            var array = fields["files"];
            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() is 0 or > JobConfig.MaxInputFiles)
            {
                Fail("config.files", $"must be an array of 1 to {JobConfig.MaxInputFiles} file names");
            }

            var i = 0;
            foreach (var item in array.EnumerateArray())
            {
                names.Add((String(item, $"files[{i}]", InputRoot.MaxNameLength), $"files[{i}]"));
                i++;
            }
        }

        var files = new List<InputFile>(names.Count);
        foreach (var (name, field) in names)
        {
            files.Add(inputs.Stat(name, out var refusal) ?? Fail<InputFile>($"config.{field}", refusal!));
        }

        return files;
    }

    private static List<InputFile> StoredFiles(JsonElement inputs)
    {
        var files = new List<InputFile>();
        foreach (var item in inputs.EnumerateArray())
        {
            files.Add(new InputFile(item.GetProperty("name").GetString()!, item.GetProperty("size").GetInt64(), item.GetProperty("written").GetInt64()));
        }

        return files;
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
