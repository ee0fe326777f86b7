namespace DistSys.Transport.Framing;

/// <summary>
/// Hard bounds applied to everything a peer sends. Every declared length and count is checked
/// against these and against the bytes actually remaining before anything is allocated.
/// </summary>
public sealed record TransportLimits
{
    /// <summary>Default maximum payload of one frame: 16 MiB.</summary>
    public const int DefaultMaxPayload = 16 * 1024 * 1024;

    /// <summary>Default maximum UTF-8 length of one string (names, reasons).</summary>
    public const int DefaultMaxStringBytes = 4096;

    /// <summary>Default maximum element count of one list (e.g. members of a membership update).</summary>
    public const int DefaultMaxListCount = 4096;

    /// <summary>The limits used when none are configured.</summary>
    public static TransportLimits Default { get; } = new();

    /// <summary>Maximum payload bytes of one frame (the header's Length field).</summary>
    public int MaxPayload { get; init => field = Positive(value); } = DefaultMaxPayload;

    /// <summary>Maximum UTF-8 bytes of one string inside a system message.</summary>
    public int MaxStringBytes { get; init => field = Positive(value); } = DefaultMaxStringBytes;

    /// <summary>Maximum element count of one list inside a system message.</summary>
    public int MaxListCount { get; init => field = Positive(value); } = DefaultMaxListCount;

    private static int Positive(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        return value;
    }
}
