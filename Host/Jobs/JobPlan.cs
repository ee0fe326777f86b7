using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs;

/// <summary>
/// How a job's input splits into its tasks: contiguous, balanced partitions in input order —
/// partition i of k over n items is [i·n/k, (i+1)·n/k). Numbers split by item, text by whole
/// lines, input files by byte range (<see cref="FileSlice.Plan"/>, aligned to lines by the reader).
/// Deterministic, so a re-run or a restarted master gives a task the same data.
/// </summary>
internal sealed class JobPlan
{
    private readonly JobConfig _config;
    private readonly int[]? _lineStarts;
    private readonly List<FileSlice>? _slices;

    public JobPlan(JobConfig config)
    {
        _config = config;
        if (config.Input.Files is { } files)
        {
            _slices = FileSlice.Plan(files, config.Input.Target);
        }
        else if (config.Input.Text is { } text)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' && i + 1 < text.Length)
                {
                    starts.Add(i + 1);
                }
            }

            _lineStarts = [.. starts];
        }
    }

    public JobConfig Config => _config;

    /// <summary>
    /// The message that runs task <paramref name="index"/> of job <paramref name="jobId"/> as attempt
    /// <paramref name="attempt"/>. A reduce task (index ≥ the map count) carries no data: the
    /// scheduler adds where the map outputs are.
    /// </summary>
    public TaskInput TaskFor(string jobId, int index, int attempt)
    {
        var c = _config;
        if (index >= c.TaskCount)
        {
            return new TaskInput(jobId, index, attempt, c.Operation, 0, 0, 0, 0, null, null) { Reducers = c.Reducers ?? 0, Bucket = index - c.TaskCount, DelayMs = c.DelayMs };
        }

        var input = c.Input;
        long rangeStart = 0, rangeCount = 0;
        double[]? numbers = null;
        string? text = null;
        if (input.Numbers is { } all)
        {
            var (lo, hi) = Bounds(all.LongLength, index);
            numbers = all[(int)lo..(int)hi];
        }
        else if (input.Text is { } whole)
        {
            var (lo, hi) = Bounds(_lineStarts!.Length, index);
            var from = lo < _lineStarts.Length ? _lineStarts[lo] : whole.Length;
            var to = hi < _lineStarts.Length ? _lineStarts[hi] : whole.Length;
            text = whole[from..to];
        }
        else if (input.RangeCount > 0)
        {
            var (lo, hi) = Bounds(input.RangeCount, index);
            rangeStart = input.RangeStart + lo;
            rangeCount = hi - lo;
        }

        return new TaskInput(jobId, index, attempt, c.Operation, c.Factor, c.SleepMs, rangeStart, rangeCount, numbers, text)
        {
            DelayMs = c.DelayMs,
            Slice = _slices?[index],
            Format = c.Format == "text" ? null : c.Format,
            Key = c.Key,
            Field = c.Field,
            Reducers = c.Reducers ?? 0,
        };
    }

    private (long Lo, long Hi) Bounds(long n, int index)
    {
        var k = _config.TaskCount;
        return (index * n / k, (index + 1) * n / k);
    }
}
