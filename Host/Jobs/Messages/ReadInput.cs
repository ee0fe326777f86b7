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
public sealed record InputChunk([property: Key(0)] byte[] Data, [property: Key(1)] string? Error);
