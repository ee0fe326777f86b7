using DistSys.Jobs.Messages;
using DistSys.Runtime;

namespace DistSys.Jobs.Inputs;

/// <summary>
/// The master's reader of its input root for workers that do not see it: the scheduler starts it
/// linked to itself and names it in every task that reads a file slice. Each
/// <see cref="ReadInput"/> call answers one chunk of one file, checked like
/// a client's name (inside the root, a regular file) and against the size and write time the job
/// recorded, so a file changed since the submit fails the task instead of feeding it other bytes.
/// </summary>
internal sealed class InputServer(InputRoot? root) : GenServer
{
    protected override async ValueTask<object?> HandleCallAsync(ProcessContext context, object request)
    {
        if (request is not ReadInput read)
        {
            return new InputChunk([], $"unexpected request {request.GetType().Name}");
        }

        if (root is null)
        {
            return new InputChunk([], "the master has no input root");
        }

        if (read.Count is < 0 or > ReadInput.MaxChunkBytes || read.Position < 0)
        {
            return new InputChunk([], $"{read.Name}: a chunk is 0 to {ReadInput.MaxChunkBytes} bytes at a position ≥ 0");
        }

        using var handle = root.Open(read.Name, out var refusal);
        if (handle is null)
        {
            return new InputChunk([], $"{read.Name}: {refusal}");
        }

        if (!new InputFile(read.Name, read.FileSize, read.WrittenTicks).Matches(handle))
        {
            return new InputChunk([], $"{read.Name}: the file changed since the job was submitted (size or write time differs)");
        }

        return await InputChunk.ReadAsync(handle, read.Position, read.Count, read.FileSize).ConfigureAwait(false);
    }
}
