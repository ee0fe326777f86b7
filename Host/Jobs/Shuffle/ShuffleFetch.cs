using DistSys.Jobs.Messages;
using DistSys.Runtime;

namespace DistSys.Jobs.Shuffle;

/// <summary>Thrown by a reduce attempt that could not fetch some map outputs: their worker is gone, so they must run again.</summary>
internal sealed class MapOutputsLostException(int[] maps, string reason)
    : Exception($"map output lost (tasks {string.Join(", ", maps)}): {reason}")
{
    public int[] Maps { get; } = maps;
}

/// <summary>A reduce task's input: bucket <c>Bucket</c> of every map task, fetched from the workers that wrote them.</summary>
internal static class ShuffleFetch
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Hands each map task's bucket to <paramref name="merge"/> as it arrives (so only one is held at a
    /// time); throws <see cref="MapOutputsLostException"/> naming every map output that could not be
    /// fetched, after trying them all.
    /// </summary>
    public static async Task FetchAsync(ProcessRuntime runtime, string jobId, int bucket, ShuffleSource[] sources, Action<ReadOnlyMemory<byte>> merge,
        CancellationToken cancellation)
    {
        var lost = new List<int>();
        string? reason = null;
        foreach (var source in sources)
        {
            try
            {
                var part = await FetchOneAsync(runtime, jobId, bucket, source, cancellation).ConfigureAwait(false);
                if (lost.Count == 0)
                {
                    merge(part);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                // Gone (the call failed: no process, no connection, no answer) or refused: either way that output must be made again.
                lost.Add(source.MapIndex);
                reason ??= ex.Message;
            }
        }

        if (lost.Count > 0)
        {
            throw new MapOutputsLostException([.. lost], reason!);
        }
    }

    /// <summary>The most a reducer reads of one map output's bucket: what one string can hold, with room to spare.</summary>
    private const long MaxBucketBytes = 512L << 20;

    private static Task<ReadOnlyMemory<byte>> FetchOneAsync(ProcessRuntime runtime, string jobId, int bucket, ShuffleSource source, CancellationToken cancellation) =>
        ReadAllAsync(runtime, source.Server, position => new ReadBucket(jobId, source.MapIndex, source.Attempt, bucket, position, ReadInput.MaxChunkBytes),
            MaxBucketBytes, cancellation);

    /// <summary>
    /// Reads a whole file a shuffle server holds, chunk by chunk: <paramref name="readAt"/> makes the
    /// request for the chunk at a position; a short chunk is the last. Throws <see cref="IOException"/>
    /// with the server's reason when it refuses, or when it serves more than <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAllAsync(ProcessRuntime runtime, Pid server, Func<long, object> readAt, long maxBytes, CancellationToken cancellation)
    {
        using var bytes = new MemoryStream();
        while (true)
        {
            var chunk = await runtime.CallAsync<InputChunk>(server, readAt(bytes.Length), s_callTimeout).WaitAsync(cancellation).ConfigureAwait(false);
            if (chunk.Error is { } error)
            {
                throw new IOException(error);
            }

            if (bytes.Length + chunk.Data.Length > maxBytes)
            {
                throw new IOException($"the server sent more than {maxBytes} bytes");
            }

            bytes.Write(chunk.Data);
            if (chunk.Data.Length < ReadInput.MaxChunkBytes)
            {
                return bytes.GetBuffer().AsMemory(0, (int)bytes.Length);
            }
        }
    }
}
