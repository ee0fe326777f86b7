using BenchmarkDotNet.Attributes;
using DistSys.Runtime;

namespace DistSys.Bench.Runtime;

/// <summary>
/// Ping-pong throughput: <see cref="Pairs"/> pairs of processes bounce <see cref="InFlight"/>
/// preallocated balls each; one operation is one message delivered and handled. The baseline
/// is the same shape built from System.Threading.Channels and one async loop per "process".
/// </summary>
public class PingPongBenchmarks
{
    private const int MessagesPerInvoke = 200_000;

    private ProcessRuntime _pool = null!;
    private ProcessRuntime _dedicated = null!;
    private PingPongShape _poolShape = null!;
    private PingPongShape _dedicatedShape = null!;
    private ChannelPingPong _channels = null!;

    [Params(1, 2, 4)]
    public int Pairs { get; set; }

    [Params(1, 100)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bouncesPerBall = MessagesPerInvoke / (Pairs * InFlight);
        _pool = new ProcessRuntime();
        _dedicated = new ProcessRuntime(new ProcessRuntimeOptions { Scheduler = SchedulerKind.Dedicated });
        _poolShape = new PingPongShape(_pool, Pairs, InFlight, bouncesPerBall);
        _dedicatedShape = new PingPongShape(_dedicated, Pairs, InFlight, bouncesPerBall);
        _channels = new ChannelPingPong(Pairs, InFlight, bouncesPerBall);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool.Dispose();
        _dedicated.Dispose();
        _channels.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = MessagesPerInvoke)]
    public void Channels() => _channels.Run();

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public void ThreadPoolScheduler() => _poolShape.Run();

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke)]
    public void DedicatedScheduler() => _dedicatedShape.Run();
}
