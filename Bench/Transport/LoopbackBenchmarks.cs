using BenchmarkDotNet.Attributes;
using DistSys.Transport.Connections;

namespace DistSys.Bench.Transport;

/// <summary>
/// The shape both loopback suites share: a connected pair of <see cref="Connection"/>s over 127.0.0.1
/// (both endpoints in this process) and the naive baseline beside it, sending rounds of messages and
/// waiting for each round to be counted at the far end (or echoed back).
/// </summary>
public abstract class LoopbackBenchmarks
{
    private LoopbackCounter _counter = null!;
    private Connection _client = null!;
    private Connection _server = null!;
    private LoopbackNaive _naive = null!;
    private byte[] _payload = [];
    private byte[] _naiveFrame = [];

    [Params(32, 1024, 65536)]
    public int PayloadSize { get; set; }

    /// <summary>Whether the server sends every message back (ping-pong) or only counts it (one-way).</summary>
    private protected abstract bool Echo { get; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[PayloadSize];
        _naiveFrame = LoopbackEndpoints.Frame(PayloadSize);
        _counter = new LoopbackCounter();
        (_client, _server) = Echo
            ? LoopbackEndpoints.ConnectPair(_counter, new LoopbackEcho())
            : LoopbackEndpoints.ConnectPair(new LoopbackCounter(), _counter);
        _naive = new LoopbackNaive(Echo);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Write coalescing, reported in the benchmark log: how many frames each flush carried.
        Console.WriteLine($"// {nameof(LoopbackEndpoints)} {PayloadSize} B: {_client.FramesSent} frames in {_client.Flushes} flushes = {(double)_client.FramesSent / Math.Max(1, _client.Flushes):F1} frames/flush");
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _naive.Dispose();
    }

    private protected void RunNaive(int rounds, int perRound)
    {
        for (var round = 0; round < rounds; round++)
        {
            _naive.Expect(perRound);
            for (var i = 0; i < perRound; i++)
            {
                _naive.Client.Write(_naiveFrame);
            }

            _naive.WaitReceived();
        }
    }

    private protected void RunConnection(int rounds, int perRound)
    {
        for (var round = 0; round < rounds; round++)
        {
            _counter.Expect(perRound);
            for (var i = 0; i < perRound; i++)
            {
                LoopbackEndpoints.Send(_client, LoopbackEndpoints.Header, _payload);
            }

            _counter.Wait();
        }
    }
}
