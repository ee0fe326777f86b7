namespace DistSys.Jobs.Inputs;

/// <summary>
/// Where a task reads its slice's bytes from: the file itself (the worker sees the master's input
/// root) or the master, chunk by chunk over the cluster protocol. Reads are positional, so a slice's
/// reader needs no shared cursor.
/// </summary>
internal interface ISliceSource : IDisposable
{
    /// <summary>True when the worker reads the file itself; false when the master serves it.</summary>
    bool IsLocal { get; }

    /// <summary>Reads up to <paramref name="buffer"/>'s length from <paramref name="position"/>; 0 at the end of the file.</summary>
    ValueTask<int> ReadAsync(long position, Memory<byte> buffer, CancellationToken cancellation);
}
