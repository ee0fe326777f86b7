using DistSys.Jobs.Operations;

namespace DistSys.Jobs.Shuffle;

/// <summary>
/// A worker's map outputs on disk: <c>DIR/JOB/MAP-ATTEMPT/BUCKET.json</c> (and results too large for a
/// message, <c>DIR/JOB/outputs/TASK-ATTEMPT.json</c>), JSON objects of key → number (one per run of
/// the task's table) per bucket. A key's bucket is a stable hash of its UTF-8 bytes (FNV-1a), the
/// same on every node and every run, so every map task sends a key to the same reducer.
/// </summary>
internal sealed class ShuffleFiles(string directory)
{
    public string Directory { get; } = directory;

    public static int BucketOf(ReadOnlySpan<byte> utf8Key, int buckets)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in utf8Key)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return (int)(hash % (ulong)buckets);
    }

    public string PathOf(string jobId, int map, int attempt, int bucket) =>
        Path.Combine(Directory, Safe(jobId), $"{map}-{attempt}", $"{bucket}.json");

    /// <summary>Where attempt <paramref name="attempt"/> of task <paramref name="index"/> keeps a result too large for a message.</summary>
    public string OutputPathOf(string jobId, int index, int attempt) =>
        Path.Combine(Directory, Safe(jobId), "outputs", $"{index}-{attempt}.json");

    /// <summary>Keeps <paramref name="utf8"/> in its file (dropped with the job's map outputs); returns its size in bytes.</summary>
    public long WriteOutput(string jobId, int index, int attempt, ReadOnlySpan<byte> utf8)
    {
        var path = OutputPathOf(jobId, index, attempt);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, utf8);
        return utf8.Length;
    }

    /// <summary>Opens the bucket files of a map attempt, to be written run by run (<see cref="MapOutput"/>).</summary>
    public MapOutput OpenMap(string jobId, int map, int attempt, int buckets, long tableLimitBytes)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(PathOf(jobId, map, attempt, 0))!);
        return new MapOutput(bucket => PathOf(jobId, map, attempt, bucket), buckets, tableLimitBytes);
    }

    /// <summary>Removes every map output of <paramref name="jobId"/> on this worker.</summary>
    public void Drop(string jobId)
    {
        var folder = Path.Combine(Directory, Safe(jobId));
        if (System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    // Job ids are the scheduler's own ("job-N"); anything else is kept out of the path all the same.
    private static string Safe(string jobId) =>
        jobId.Length is > 0 and <= 64 && jobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? jobId
            : throw new ArgumentException($"not a job id: '{jobId}'", nameof(jobId));

    /// <summary>The descriptor a map task returns to the scheduler: its buckets' sizes.</summary>
    public static string Descriptor(long[] sizes) => JsonText.Write(sizes, static (writer, s) =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("buckets");
        foreach (var size in s)
        {
            writer.WriteNumberValue(size);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });
}
