using BenchmarkDotNet.Attributes;
using DistSys.Memory;

namespace DistSys.Bench.Memory;

/// <summary>
/// Rent + return throughput of <see cref="BlockMemoryPool"/> against <c>ArrayPool&lt;byte&gt;.Shared</c>
/// (the baseline) and <c>MemoryPool&lt;byte&gt;.Shared</c>. One operation is one rent and one return;
/// each invocation performs <see cref="Operations"/> of them split evenly over <see cref="Threads"/>
/// threads (the benchmark thread and Threads - 1 workers started in GlobalSetup and released through a
/// barrier, so thread start-up is never measured). Each thread keeps <see cref="Held"/> buffers rented
/// at once: 1 is the simplest rent/return pair; 8 is a connection holding several pipe segments.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 9)]
public class RentReturnBenchmarks
{
    private const int Operations = 1 << 16;

    private BlockMemoryPool _pool = null!;
    private PoolWorkers _workers = null!;

    [Params(256, 4096, 65536)]
    public int Size { get; set; }

    [Params(1, 2, 4)]
    public int Threads { get; set; }

    [Params(1, 8)]
    public int Held { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pool = new BlockMemoryPool();
        _workers = new PoolWorkers(Threads, Operations / Threads / Held, Held, Size, _pool);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _workers.Dispose();
        _pool.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public void ArrayPoolShared() => _workers.Run(PoolKind.ArrayPoolShared);

    [Benchmark(OperationsPerInvoke = Operations)]
    public void MemoryPoolShared() => _workers.Run(PoolKind.MemoryPoolShared);

    [Benchmark(OperationsPerInvoke = Operations)]
    public void BlockMemoryPool() => _workers.Run(PoolKind.BlockMemoryPool);
}
