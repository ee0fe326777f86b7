using BenchmarkDotNet.Attributes;
using DistSys.Transport.Connections;

namespace DistSys.Bench.Transport;

/// <summary>
/// The cost of one Send of a 32-byte message on a live loopback connection whose peer keeps up, and
/// the proof that steady-state sending allocates nothing anywhere in the process (queue, writer loop,
/// pipe, socket, the receiving read loop): BenchmarkDotNet's allocation count is process-wide.
/// </summary>
public class LoopbackSendBenchmarks
{
    private const int Batch = 1000;

    private readonly byte[] _payload = new byte[32];
    private LoopbackCounter _counter = null!;
    private Connection _client = null!;
    private Connection _server = null!;
    private LoopbackNaive _naive = null!;
    private byte[] _naiveFrame = [];

    [GlobalSetup]
    public void Setup()
    {
        _counter = new LoopbackCounter();
        (_client, _server) = LoopbackEndpoints.ConnectPair(new LoopbackCounter(), _counter);
        _naive = new LoopbackNaive(echo: false);
        _naiveFrame = LoopbackEndpoints.Frame(_payload.Length);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _naive.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void NaiveWrite()
    {
        for (var i = 0; i < Batch; i++)
        {
            _naive.Client.Write(_naiveFrame);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void TrySend()
    {
        for (var i = 0; i < Batch; i++)
        {
            LoopbackEndpoints.Send(_client, LoopbackEndpoints.Header, _payload);
        }
    }
}
