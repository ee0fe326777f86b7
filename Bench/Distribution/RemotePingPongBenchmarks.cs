using BenchmarkDotNet.Attributes;
using DistSys.Runtime.Distribution;

namespace DistSys.Bench.Distribution;

/// <summary>
/// Remote ping-pong throughput, one operation = one message delivered across the network and handled.
/// <see cref="SeparateProcess"/> bounces off a worker in another OS process over loopback TCP; the baseline
/// is the same shape against a worker node in this process (same protocol and sockets, one GC, one pool).
/// </summary>
public class RemotePingPongBenchmarks
{
    private const int MessagesPerInvoke = 400_000;
    private const int InFlight = 100;

    private ClusterNode _master = null!;
    private ClusterNode _localWorker = null!;
    private PeerProcess _peer = null!;
    private RemotePingPong _inProcess = null!;
    private RemotePingPong _separate = null!;

    [Params(1, 4, 16)]
    public int Pairs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _master = BenchCluster.StartMaster();
        _localWorker = BenchCluster.StartLocalWorker(_master, "local");
        _peer = PeerProcess.Start("peer", _master.Port, BenchCluster.Cookie);
        BenchCluster.WaitUntilUp(_master, "peer");
        var roundTrips = MessagesPerInvoke / 2 / Pairs;
        _inProcess = new RemotePingPong(_master, "local", Pairs, InFlight, roundTrips);
        _separate = new RemotePingPong(_master, "peer", Pairs, InFlight, roundTrips);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _peer.Dispose();
        _localWorker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _master.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvoke)]
    public void InProcessWorker() => _inProcess.Run();

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public void SeparateProcess() => _separate.Run();
}
