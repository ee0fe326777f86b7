using DistSys.Jobs.Messages;
using DistSys.Runtime;

namespace DistSys.Jobs.Shuffle;

/// <summary>
/// Serves a worker's map outputs to reducers anywhere in the cluster, and results too large for a
/// message to the scheduler, one chunk per call (so the reader's pace is the stream's pace). Started by the executor, linked to it: an executor that
/// dies takes its server with it, and reducers then report those outputs lost.
/// </summary>
internal sealed class ShuffleServer(ShuffleFiles files) : GenServer
{
    protected override async ValueTask<object?> HandleCallAsync(ProcessContext context, object request)
    {
        string path;
        long position;
        int count;
        string gone;
        try
        {
            switch (request)
            {
                case ReadBucket read:
                    (path, position, count) = (files.PathOf(read.JobId, read.MapIndex, read.Attempt, read.Bucket), read.Position, read.Count);
                    gone = $"map output {read.JobId}/{read.MapIndex} attempt {read.Attempt} is gone from this worker";
                    break;
                case ReadOutput read:
                    (path, position, count) = (files.OutputPathOf(read.JobId, read.Index, read.Attempt), read.Position, read.Count);
                    gone = $"the result of {read.JobId}/{read.Index} attempt {read.Attempt} is gone from this worker";
                    break;
                default:
                    return new InputChunk([], "not a read of a map output or a result");
            }
        }
        catch (ArgumentException ex)
        {
            return new InputChunk([], ex.Message);
        }

        if (count is < 0 or > ReadInput.MaxChunkBytes || position < 0)
        {
            return new InputChunk([], "not a read of 0 to 1 MiB at a position ≥ 0");
        }

        try
        {
            using var handle = File.OpenHandle(path);
            return await InputChunk.ReadAsync(handle, position, count, RandomAccess.GetLength(handle)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new InputChunk([], gone);
        }
    }
}
