using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DistSys.Jobs;

namespace DistSys.Bench.Jobs;

/// <summary>
/// End-to-end trivial tasks: submit one job of <see cref="Tasks"/> tasks (sum over 1..Tasks, one
/// number per task) and wait until it is completed, every claim, result and attempt persisted in
/// SQLite. Time is per task (OperationsPerInvoke), so tasks/s = 1 s / the figure. Loopback is the
/// issue's setup: master + 2 workers as separate processes, the job submitted and polled over REST.
/// The baseline is the same scheduler, executors and store in one process (no HTTP, no sockets).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 1)]
public class JobThroughputBenchmarks
{
    public const int Tasks = 50_000;
    private const int MaxTasks = 256;
    private const string Config = """{"operation":"sum","task_count":50000,"range":{"start":1,"end":50000}}""";

    private InProcessJobCluster _local = null!;
    private LoopbackJobNodes _loopback = null!;

    [GlobalSetup]
    public void Start()
    {
        _local = new InProcessJobCluster(MaxTasks);
        _loopback = new LoopbackJobNodes(MaxTasks);
    }

    [GlobalCleanup]
    public void Stop()
    {
        _loopback.Dispose();
        _local.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks)]
    public void InProcess()
    {
        var id = _local.Submit(Config);
        LoopbackJobNodes.Until(() => _local.Status(id) == JobStatus.Completed, pollMs: 1);
    }

    [Benchmark(OperationsPerInvoke = Tasks)]
    public void Loopback()
    {
        var id = _loopback.Submit(Config);
        LoopbackJobNodes.Until(() => _loopback.Json($"api/jobs/{id}").GetProperty("status").GetString() == "completed", pollMs: 2);
    }
}
