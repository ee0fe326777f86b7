using DistSys.Jobs.Messages;
using DistSys.Runtime;
using Microsoft.Win32.SafeHandles;

namespace DistSys.Jobs.Inputs;

/// <summary>
/// Opens a slice's source on a worker: the file itself when the worker's own input root holds the
/// same file (same relative name, size and write time: the same machine or a shared mount), else the
/// master's <see cref="InputServer"/> the task names, chunk by chunk. Either way the job runs; only the
/// bytes' path differs.
/// </summary>
internal sealed class SliceSources(ProcessRuntime runtime, InputRoot? localRoot)
{
    private static readonly TimeSpan s_chunkTimeout = TimeSpan.FromSeconds(30);

    public ISliceSource Open(FileSlice slice, Pid server)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (localRoot?.Open(slice.Name, out _) is { } handle)
        {
            if (slice.File.Matches(handle))
            {
                return new Local(handle);
            }

            handle.Dispose();
        }

        return server.IsNone
            ? throw new InvalidOperationException($"{slice.Name}: not in this worker's input root, and the task names no input server")
            : new Remote(runtime, server, slice.File);
    }

    /// <summary>The worker reads the file itself (it owns the handle).</summary>
    internal sealed class Local(SafeFileHandle handle) : ISliceSource
    {
        public bool IsLocal => true;

        public ValueTask<int> ReadAsync(long position, Memory<byte> buffer, CancellationToken cancellation) =>
            RandomAccess.ReadAsync(handle, buffer, position, cancellation);

        public void Dispose() => handle.Dispose();
    }

    /// <summary>
    /// The master serves the bytes: one call per chunk, so the reader's pace is the stream's pace
    /// (nothing is pushed that was not asked for) and a chunk in flight is all the memory it holds.
    /// </summary>
    private sealed class Remote(ProcessRuntime runtime, Pid server, InputFile file) : ISliceSource
    {
        public bool IsLocal => false;

        public async ValueTask<int> ReadAsync(long position, Memory<byte> buffer, CancellationToken cancellation)
        {
            var count = Math.Min(buffer.Length, ReadInput.MaxChunkBytes);
            var chunk = await runtime.CallAsync<InputChunk>(server, new ReadInput(file.Name, file.Size, file.WrittenTicks, position, count), s_chunkTimeout)
                .WaitAsync(cancellation).ConfigureAwait(false);
            if (chunk.Error is { } error)
            {
                throw new IOException(error);
            }

            if (chunk.Data.Length > count)
            {
                throw new InvalidDataException($"{file.Name}: the master sent {chunk.Data.Length} bytes for a chunk of at most {count}");
            }

            chunk.Data.CopyTo(buffer);
            return chunk.Data.Length;
        }

        public void Dispose()
        {
        }
    }
}
