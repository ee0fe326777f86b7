using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DistSys.Bench.Jobs;

/// <summary>
/// The single-threaded reference for Bench/scripts/wordcount.sh: stream the file, split it into words
/// by the job service's own rule (runs of letters, digits and apostrophes, lower-cased), count them in
/// one Dictionary. Prints the seconds, MB/s and distinct words, so the script compares the cluster to
/// it in the same run. Not a BenchmarkDotNet suite: one pass over gigabytes is the measurement.
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
        return 0;
    }
}
