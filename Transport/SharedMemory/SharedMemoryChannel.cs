namespace DistSys.Transport.SharedMemory;

/// <summary>
/// A duplex channel between two processes over one shared mapping holding two SPSC rings:
/// ring 0 carries frames from the creator to the opener ("requests", node → plugin) and ring 1 from
/// the opener back ("responses", plugin → node). No payload byte travels through anything but the
/// mapping; four FIFOs next to <c>PATH</c> (<c>PATH.ring0.data</c>, …) carry only 1-byte wake-ups.
/// <c>PATH</c> is a symbolic link to the creator's sealed memfd, so the opener can scribble on the
/// rings (everything read is validated) but cannot truncate the memory under the creator.
/// Payloads above <see cref="RingWriter.MaxPayload"/> are refused with an exception, not chunked.
/// Linux only. Dispose only once no thread is inside <see cref="Writer"/> or <see cref="Reader"/>:
/// disposing unmaps the memory they read.
/// </summary>
public sealed unsafe partial class SharedMemoryChannel : IDisposable
{
    /// <summary>Default bytes per ring: 1 MiB, room for 16 records of 64 KiB.</summary>
    public const int DefaultRingCapacity = 1 << 20;

    private readonly MappedFile _map;
    private readonly Doorbell[] _bells;
    private readonly bool _isCreator;
    private int _disposed;

    private SharedMemoryChannel(string path, MappedFile map, int capacity, Doorbell[] bells, bool isCreator)
    {
        Path = path;
        RingCapacity = capacity;
        _map = map;
        _bells = bells;
        _isCreator = isCreator;
        var outbound = isCreator ? 0 : 1;
        var inbound = 1 - outbound;
        var peerClosed = (int*)(map.Pointer + (isCreator ? RingLayout.OpenerClosedOffset : RingLayout.CreatorClosedOffset));
        Writer = new RingWriter(RingAt(outbound), DataBell(outbound), SpaceBell(outbound), peerClosed);
        Reader = new RingReader(RingAt(inbound), DataBell(inbound), SpaceBell(inbound), peerClosed);
    }

    /// <summary>The path both processes open: a symbolic link to the creator's sealed shared memory.</summary>
    public string Path { get; }

    /// <summary>Bytes of data area in each ring.</summary>
    public int RingCapacity { get; }

    /// <summary>This side's outbound ring (requests for the creator, responses for the opener).</summary>
    public RingWriter Writer { get; }

    /// <summary>This side's inbound ring.</summary>
    public RingReader Reader { get; }

    /// <summary>
    /// Marks this side closed and wakes the peer (its waits return <see cref="RingWaitResult.PeerClosed"/>),
    /// then unmaps. The creator also removes the file and its FIFOs; an opener still holding them keeps
    /// working on the unlinked inodes until it closes too.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref *(int*)(_map.Pointer + (_isCreator ? RingLayout.CreatorClosedOffset : RingLayout.OpenerClosedOffset)), 1);
        var outbound = _isCreator ? 0 : 1;
        DataBell(outbound).Ring();
        SpaceBell(1 - outbound).Ring();
        foreach (var bell in _bells)
        {
            bell.Dispose();
        }

        _map.Dispose();
        if (_isCreator)
        {
            DeleteFiles(Path);
        }
    }

    private RingControl RingAt(int ring) =>
        new(_map.Pointer + RingLayout.ControlOffset(ring), _map.Pointer + RingLayout.DataOffset(ring, RingCapacity), RingCapacity);

    private Doorbell DataBell(int ring) => _bells[ring * 2];

    private Doorbell SpaceBell(int ring) => _bells[(ring * 2) + 1];

    private static string[] DoorbellPaths(string path) =>
        [$"{path}.ring0.data", $"{path}.ring0.space", $"{path}.ring1.data", $"{path}.ring1.space"];

    private static void DeleteFiles(string path)
    {
        File.Delete(path);
        foreach (var fifo in DoorbellPaths(path))
        {
            File.Delete(fifo);
        }
    }
}
