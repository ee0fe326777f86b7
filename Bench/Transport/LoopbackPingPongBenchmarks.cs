using BenchmarkDotNet.Attributes;

namespace DistSys.Bench.Transport;

/// <summary>
/// Ping-pong over 127.0.0.1 with many messages in flight: the client sends a window of frames, the
/// server echoes each one, the client waits for the whole window to come back. An operation is one
/// round trip.
/// </summary>
public class LoopbackPingPongBenchmarks : LoopbackBenchmarks
{
    private const int Window = 256;
    private const int Rounds = 20;

    private protected override bool Echo => true;

    [Benchmark(Baseline = true, OperationsPerInvoke = Window * Rounds)]
    public void NaiveNetworkStream() => RunNaive(Rounds, Window);

    [Benchmark(OperationsPerInvoke = Window * Rounds)]
    public void Connection() => RunConnection(Rounds, Window);
}
