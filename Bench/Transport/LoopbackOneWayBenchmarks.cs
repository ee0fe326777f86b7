using BenchmarkDotNet.Attributes;

namespace DistSys.Bench.Transport;

/// <summary>
/// One-way throughput over 127.0.0.1: one sender queues frames as fast as the connection takes them,
/// the receiver counts them; an operation is one message delivered.
/// </summary>
public class LoopbackOneWayBenchmarks : LoopbackBenchmarks
{
    private const int Messages = 20_000;

    private protected override bool Echo => false;

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public void NaiveNetworkStream() => RunNaive(1, Messages);

    [Benchmark(OperationsPerInvoke = Messages)]
    public void Connection() => RunConnection(1, Messages);
}
