using BenchmarkDotNet.Attributes;
using DistSys.Transport.Connections;

namespace DistSys.Bench.Transport;

/// <summary>
/// One-way throughput over 127.0.0.1 (both endpoints in this process): one sender queues frames as fast
/// as the connection takes them, the receiver counts them; an operation is one message delivered.
/// </summary>
public class LoopbackOneWayBenchmarks
{
    private const int Messages = 20_000;

    private LoopbackCounter _counter = null!;
    private Connection _client = null!;
    private Connection _server = null!;
    private LoopbackNaive _naive = null!;
    private byte[] _payload = [];
    private byte[] _naiveFrame = [];

    [Params(32, 1024, 65536)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[PayloadSize];
        _naiveFrame = LoopbackEndpoints.Frame(PayloadSize);
        _counter = new LoopbackCounter();
        (_client, _server) = LoopbackEndpoints.ConnectPair(new LoopbackCounter(), _counter);
        _naive = new LoopbackNaive(echo: false);
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

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public void NaiveNetworkStream()
    {
        _naive.Expect(Messages);
        for (var i = 0; i < Messages; i++)
        {
            _naive.Client.Write(_naiveFrame);
        }

        _naive.WaitReceived();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public void Connection()
    {
        _counter.Expect(Messages);
        for (var i = 0; i < Messages; i++)
        {
            LoopbackEndpoints.Send(_client, LoopbackEndpoints.Header, _payload);
        }

        _counter.Wait();
    }
}
