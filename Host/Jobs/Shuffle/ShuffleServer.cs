using DistSys.Jobs.Messages;
using DistSys.Runtime;

namespace DistSys.Jobs.Shuffle;

/// <summary>
/// Serves a worker's map outputs to reducers anywhere in the cluster, one chunk per call (so a
/// reducer's pace is the stream's pace). Started by the executor, linked to it: an executor that
/// dies takes its server with it, and reducers then report those outputs lost.
/// </summary>
internal sealed class ShuffleServer(ShuffleFiles files) : GenServer
{
    protected override async ValueTask<object?> HandleCallAsync(ProcessContext context, object request)
    {
        if (request is not ReadBucket read || read.Count is < 0 or > ReadInput.MaxChunkBytes || read.Position < 0)
        {
            return new InputChunk([], "not a bucket read of 0 to 1 MiB at a position ≥ 0");
        }

        string path;
        try
        {
            path = files.PathOf(read.JobId, read.MapIndex, read.Attempt, read.Bucket);
        }
        catch (ArgumentException ex)
        {
            return new InputChunk([], ex.Message);
        }

        try
        {
            using var handle = File.OpenHandle(path);
            return await InputChunk.ReadAsync(handle, read.Position, read.Count, RandomAccess.GetLength(handle)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new InputChunk([], $"map output {read.JobId}/{read.MapIndex} attempt {read.Attempt} is gone from this worker");
        }
    }
}
