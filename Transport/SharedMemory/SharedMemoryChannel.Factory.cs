using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Framing;

namespace DistSys.Transport.SharedMemory;

/// <summary>Creating (node side) and opening (plugin side) a channel; the opener validates everything.</summary>
public sealed unsafe partial class SharedMemoryChannel
{
    /// <summary>Creates the shared memory (linked at <paramref name="path"/>, which must not exist) and its doorbell FIFOs.</summary>
    /// <param name="path">A path in a directory both processes can reach, e.g. under /dev/shm.</param>
    /// <param name="ringCapacity">Bytes per ring: a power of two from 4 KiB to 1 GiB.</param>
    public static SharedMemoryChannel Create(string path, int ringCapacity = DefaultRingCapacity)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Libc.EnsureSupported();
        if (!RingLayout.IsValidCapacity(ringCapacity))
        {
            throw new ArgumentOutOfRangeException(nameof(ringCapacity), ringCapacity, $"ring capacity must be a power of two from {RingLayout.MinCapacity} to {RingLayout.MaxCapacity}");
        }

        var map = MappedFile.Create(path, RingLayout.FileLength(ringCapacity));
        var created = 0;
        try
        {
            var header = new Span<byte>(map.Pointer, RingLayout.CacheLine);
            BinaryPrimitives.WriteUInt32LittleEndian(header[RingLayout.VersionOffset..], RingLayout.Version);
            BinaryPrimitives.WriteUInt32LittleEndian(header[RingLayout.HeaderSizeOffset..], RingLayout.HeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(header[RingLayout.CapacityOffset..], (uint)ringCapacity);
            BinaryPrimitives.WriteUInt32LittleEndian(header[RingLayout.RingCountOffset..], RingLayout.RingCount);
            Volatile.Write(ref *(ulong*)map.Pointer, RingLayout.Magic);
            var fifos = DoorbellPaths(path);
            for (; created < fifos.Length; created++)
            {
                Doorbell.CreateFifo(fifos[created]);
            }

            return new SharedMemoryChannel(path, map, ringCapacity, OpenBells(path), isCreator: true);
        }
        catch
        {
            // Remove only what this call created: a FIFO that already existed belongs to someone else.
            map.Dispose();
            File.Delete(path);
            foreach (var fifo in DoorbellPaths(path).Take(created))
            {
                File.Delete(fifo);
            }

            throw;
        }
    }

    /// <summary>Opens a channel another process created. Its header is validated before anything is mapped.</summary>
    /// <exception cref="ProtocolException">The file is not a channel of this version, or its layout is inconsistent.</exception>
    public static SharedMemoryChannel Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Libc.EnsureSupported();
        var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        MappedFile map;
        int capacity;
        try
        {
            capacity = ValidateHeader(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        map = MappedFile.Map(stream, RingLayout.FileLength(capacity));
        Doorbell[]? bells = null;
        try
        {
            bells = OpenBells(path);
            return new SharedMemoryChannel(path, map, capacity, bells, isCreator: false);
        }
        catch
        {
            // The ends validate the indices they find, so a corrupted ring fails here too.
            foreach (var bell in bells ?? [])
            {
                bell.Dispose();
            }

            map.Dispose();
            throw;
        }
    }

    /// <summary>Returns the ring capacity once magic, version, sizes and the file length all agree.</summary>
    private static int ValidateHeader(FileStream stream)
    {
        Span<byte> header = stackalloc byte[RingLayout.CacheLine];
        if (stream.Length < RingLayout.HeaderSize || RandomAccess.Read(stream.SafeFileHandle, header, 0) != header.Length)
        {
            ThrowBadHeader(ProtocolError.Truncated, $"the file is shorter than its {RingLayout.HeaderSize}-byte header");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(header[RingLayout.MagicOffset..]) != RingLayout.Magic)
        {
            ThrowBadHeader(ProtocolError.Malformed, "bad magic: not a DistSys shared-memory channel");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[RingLayout.VersionOffset..]);
        if (version != RingLayout.Version)
        {
            ThrowBadHeader(ProtocolError.BadVersion, $"layout version {version}, this build speaks {RingLayout.Version}");
        }

        var capacity = BinaryPrimitives.ReadUInt32LittleEndian(header[RingLayout.CapacityOffset..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header[RingLayout.HeaderSizeOffset..]) != RingLayout.HeaderSize ||
            BinaryPrimitives.ReadUInt32LittleEndian(header[RingLayout.RingCountOffset..]) != RingLayout.RingCount ||
            !RingLayout.IsValidCapacity(capacity))
        {
            ThrowBadHeader(ProtocolError.Malformed, $"inconsistent header (capacity {capacity})");
        }

        if (stream.Length != RingLayout.FileLength((int)capacity))
        {
            ThrowBadHeader(ProtocolError.Malformed, $"file length {stream.Length} does not match ring capacity {capacity}");
        }

        return (int)capacity;
    }

    private static Doorbell[] OpenBells(string path)
    {
        var paths = DoorbellPaths(path);
        var bells = new Doorbell[paths.Length];
        try
        {
            for (var i = 0; i < paths.Length; i++)
            {
                bells[i] = Doorbell.Open(paths[i]);
            }

            return bells;
        }
        catch
        {
            foreach (var bell in bells)
            {
                bell?.Dispose();
            }

            throw;
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadHeader(ProtocolError error, string what) =>
        ProtocolException.Throw(error, $"shared-memory channel header: {what}");
}
