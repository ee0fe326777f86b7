using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;

namespace DistSys.Bench.Transport;

/// <summary>
/// One enqueue + dequeue through the shared-memory ring (frame written into the mapping, read back
/// zero-copy, released) against an in-process <see cref="ConcurrentQueue{T}"/> handing over a copy of
/// the same payload in a fresh array — what a hand-off without the ring or a pool costs.
/// </summary>
public class RingBenchmarks
{
    private readonly ConcurrentQueue<byte[]> _queue = new();
    private readonly FrameHeader _header = new(FrameKind.Message, FrameFlags.Raw, target: 1, sender: 2, correlation: 3);
    private SharedMemoryChannel _creator = null!;
    private SharedMemoryChannel _opener = null!;
    private byte[] _payload = [];

    [Params(64, 64 * 1024)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[PayloadSize];
        Random.Shared.NextBytes(_payload);
        var directory = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _creator = SharedMemoryChannel.Create(Path.Combine(directory, $"distsys-ring-bench-{Guid.NewGuid():N}"));
        _opener = SharedMemoryChannel.Open(_creator.Path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _opener.Dispose();
        _creator.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int ConcurrentQueueOfCopies()
    {
        _queue.Enqueue(_payload.AsSpan().ToArray());
        _queue.TryDequeue(out var received);
        return received![^1];
    }

    [Benchmark]
    public int SharedMemoryRing()
    {
        _creator.Writer.TryWrite(_header, _payload);
        _opener.Reader.TryRead(out var frame);
        var last = frame.Payload.FirstSpan[^1];
        _opener.Reader.Advance();
        return last;
    }
}
