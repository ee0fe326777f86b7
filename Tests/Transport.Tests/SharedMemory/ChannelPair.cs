using System.Buffers.Binary;
using DistSys.Transport.Framing;
using DistSys.Transport.RingPeer;
using DistSys.Transport.SharedMemory;

namespace DistSys.Transport.Tests.SharedMemory;

/// <summary>Both ends of one channel in this process (two mappings of the same file), cleaned up on dispose.</summary>
internal sealed class ChannelPair : IDisposable
{
    public ChannelPair(int capacity = RingLayout.MinCapacity)
    {
        Path = NewPath();
        Creator = SharedMemoryChannel.Create(Path, capacity);
        Opener = SharedMemoryChannel.Open(Path);
    }

    public string Path { get; }

    public SharedMemoryChannel Creator { get; }

    public SharedMemoryChannel Opener { get; }

    /// <summary>Requests ring: the creator writes, the opener reads.</summary>
    public RingWriter Writer => Creator.Writer;

    public RingReader Reader => Opener.Reader;

    public static string NewPath() =>
        System.IO.Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath(), $"distsys-ring-test-{Guid.NewGuid():N}");

    public static FrameHeader Header(ulong correlation) => new(FrameKind.Message, FrameFlags.Raw, target: 7, sender: 9, correlation);

    /// <summary>
    /// Writes records 0 .. count-1 (checksummed payloads of varying length), waiting for space when the
    /// ring is full; returns the checksum the reading side must arrive at.
    /// </summary>
    public static ulong SendNumbered(RingWriter writer, ulong count)
    {
        Span<byte> payload = stackalloc byte[64];
        var checksum = RingChecksum.Seed;
        for (ulong sequence = 0; sequence < count; sequence++)
        {
            var body = payload[..RingChecksum.PayloadLength(sequence)];
            RingChecksum.Fill(body, sequence);
            while (!writer.TryWrite(Header(sequence), body))
            {
                Assert.That(writer.WaitToWrite(body.Length, Eventually.Liveness), Is.EqualTo(RingWaitResult.Ready), "space in the ring");
            }

            checksum = RingChecksum.Add(checksum, sequence, body);
        }

        return checksum;
    }

    /// <summary>Deterministic payload bytes for record <paramref name="seed"/>.</summary>
    public static void Fill(Span<byte> payload, ulong seed)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)((seed * 31) + (ulong)i);
        }
    }

    /// <summary>Writes raw bytes into the mapped file behind both ends' backs (the page cache is shared with the mappings).</summary>
    public void Poke(long offset, ReadOnlySpan<byte> bytes)
    {
        using var file = File.OpenHandle(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        RandomAccess.Write(file, bytes, offset);
    }

    public void PokeUInt64(long offset, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Poke(offset, bytes);
    }

    public void Dispose()
    {
        Opener.Dispose();
        Creator.Dispose();
    }
}
