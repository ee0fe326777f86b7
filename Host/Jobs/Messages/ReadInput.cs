using MessagePack;

namespace DistSys.Jobs.Messages;

/// <summary>Worker → master's input server (a call): up to <see cref="Count"/> bytes of <see cref="Name"/> from <see cref="Position"/>.</summary>
[MessagePackObject]
public sealed record ReadInput(
    [property: Key(0)] string Name,
    [property: Key(1)] long FileSize,
    [property: Key(2)] long WrittenTicks,
    [property: Key(3)] long Position,
    [property: Key(4)] int Count)
{
    /// <summary>The largest chunk one call returns: well under a frame's 16 MiB, large enough that a call's cost is small beside its bytes.</summary>
    public const int MaxChunkBytes = 1 << 20;
}

/// <summary>The answer: the bytes (fewer at the end of the file), or why none could be read.</summary>
[MessagePackObject]
public sealed record InputChunk([property: Key(0)] byte[] Data, [property: Key(1)] string? Error)
{
    /// <summary>Up to <paramref name="count"/> bytes of <paramref name="handle"/> from <paramref name="position"/>, never past <paramref name="end"/>.</summary>
    internal static async ValueTask<InputChunk> ReadAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long position, int count, long end)
    {
        var data = new byte[(int)Math.Min(count, Math.Max(0, end - position))];
        var filled = 0;
        while (filled < data.Length)
        {
            var n = await RandomAccess.ReadAsync(handle, data.AsMemory(filled), position + filled).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        return new InputChunk(filled == data.Length ? data : data[..filled], null);
    }
}
