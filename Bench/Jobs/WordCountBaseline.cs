using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;

namespace DistSys.Bench.Jobs;

/// <summary>
/// The single-threaded reference for Bench/scripts/wordcount.sh: stream the file, split it into words
/// by the job service's own rule (runs of letters, digits and apostrophes, lower-cased), count them in
/// one Dictionary. Prints the seconds, MB/s and distinct words, so the script compares the cluster to
/// it in the same run; then the job service's own <c>wordcount</c> operation over the whole file as one
/// slice on one thread, so the script can tell the operation's speed from the cluster's use of the
/// cores. Not a BenchmarkDotNet suite: one pass over gigabytes is the measurement.
/// </summary>
internal static class WordCountBaseline
{
    public static int Run(string path)
    {
        var started = Stopwatch.GetTimestamp();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 20);
        Span<char> lower = stackalloc char[256];
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var start = -1;
            for (var i = 0; i <= line.Length; i++)
            {
                var inWord = i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '\'');
                if (inWord && start < 0)
                {
                    start = i;
                }
                else if (!inWord && start >= 0)
                {
                    var word = line.AsSpan(start, i - start);
                    var folded = word.Length <= lower.Length ? lower[..word.Length] : new char[word.Length];
                    word.ToLowerInvariant(folded);
                    ReadOnlySpan<char> key = folded;
                    lookup[key] = lookup.TryGetValue(key, out var n) ? n + 1 : 1;
                    start = -1;
                }
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var megabytes = new FileInfo(path).Length / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline {seconds:0.00} s {megabytes / seconds:0.0} MB/s {counts.Count} words {counts.Values.Sum()} total"));

        started = Stopwatch.GetTimestamp();
        var (distinct, total) = Operation(path);
        seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"operation {seconds:0.00} s {megabytes / seconds:0.0} MB/s {distinct} words {total} total"));
        return 0;
    }

    /// <summary>The engine's wordcount map over the file as one slice, read locally, on this thread.</summary>
    private static (int Distinct, long Total) Operation(string path)
    {
        using var source = new SliceSources.Local(File.OpenHandle(path));
        var size = new FileInfo(path).Length;
        var task = new TaskInput("bench", 0, 1, "wordcount", 0, 0, 0, 0, null, null)
        {
            Slice = new FileSlice(Path.GetFileName(path), size, 0, 0, size),
            Source = source,
        };
        var result = new WordCountOperation().ExecuteAsync(task, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using var counts = JsonDocument.Parse(result);
        return (counts.RootElement.EnumerateObject().Count(), counts.RootElement.EnumerateObject().Sum(p => p.Value.GetInt64()));
    }
}
