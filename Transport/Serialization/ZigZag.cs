namespace DistSys.Transport.Serialization;

/// <summary>Zigzag mapping of signed to unsigned integers (0, -1, 1, -2 → 0, 1, 2, 3) for short varints.</summary>
internal static class ZigZag
{
    /// <summary>Maps a signed value to an unsigned one with small magnitudes staying small.</summary>
    public static ulong Encode(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>The inverse of <see cref="Encode"/>.</summary>
    public static long Decode(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
