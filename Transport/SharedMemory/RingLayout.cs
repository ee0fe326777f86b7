using System.Numerics;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// Where everything lives in a channel's mapped file. Every field the two sides both touch sits on
/// its own 64-byte cache line, so the producer's tail stores never invalidate the consumer's head line.
/// <code>
///  offset     size
///  0          64    header line (written once by the creator, validated by the opener):
///                     magic u64 "DSYSRING" | version u32 | header size u32 | ring capacity u32 | ring count u32 | 0…
///  64         64    creator closed flag (i32)
///  128        64    opener closed flag (i32)
///  256        256   ring 0 control (creator → opener, "requests"):
///                     +0 tail u64 | +64 head u64 | +128 consumer sleeping i32 | +192 producer sleeping i32
///  512        256   ring 1 control (opener → creator, "responses"), same shape
///  4096       C     ring 0 data (C = ring capacity, a power of two)
///  4096 + C   C     ring 1 data
/// </code>
/// Head and tail are free-running byte positions (never reduced modulo C; 2^64 bytes never wrap);
/// the offset in the data area is position &amp; (C - 1). Records start 8-byte aligned.
/// </summary>
internal static class RingLayout
{
    public const ulong Magic = 0x474E_4952_5359_5344; // "DSYSRING" read as little-endian u64
    public const uint Version = 1;
    public const int HeaderSize = 4096;
    public const int RingCount = 2;
    public const int CacheLine = 64;

    public const int MagicOffset = 0;
    public const int VersionOffset = 8;
    public const int HeaderSizeOffset = 12;
    public const int CapacityOffset = 16;
    public const int RingCountOffset = 20;
    public const int CreatorClosedOffset = 64;
    public const int OpenerClosedOffset = 128;

    public const int TailOffset = 0;
    public const int HeadOffset = 64;
    public const int ConsumerSleepingOffset = 128;
    public const int ProducerSleepingOffset = 192;

    public const int MinCapacity = 4096;
    public const int MaxCapacity = 1 << 30;

    /// <summary>Records start at multiples of this, so u64 fields and the skip marker are aligned.</summary>
    public const int RecordAlignment = 8;

    /// <summary>
    /// Written where a record would straddle the end of the data area: "the rest of this lap is empty,
    /// continue at offset 0". A frame's length field can never hold it (it exceeds every maximum payload).
    /// </summary>
    public const uint SkipMarker = uint.MaxValue;

    public static int ControlOffset(int ring) => 256 + (ring * 256);

    public static long DataOffset(int ring, int capacity) => HeaderSize + ((long)ring * capacity);

    public static long FileLength(int capacity) => HeaderSize + ((long)RingCount * capacity);

    public static bool IsValidCapacity(long capacity) =>
        capacity is >= MinCapacity and <= MaxCapacity && BitOperations.IsPow2(capacity);

    public static int RecordSize(int payloadLength) =>
        (Framing.FrameHeader.Size + payloadLength + RecordAlignment - 1) & ~(RecordAlignment - 1);
}
