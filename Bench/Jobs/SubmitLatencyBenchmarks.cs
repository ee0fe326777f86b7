using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using DistSys.Bench.Supervision;

namespace DistSys.Bench.Jobs;

/// <summary>
/// Submit latency as a client sees it: POST /api/jobs of a one-task job to the loopback master,
/// answered once the job's row is committed. p50/p99 are printed at the end of the run (the
/// recorder keeps every submit). The baseline is the same HTTP round trip to GET /healthz.
/// </summary>
public class SubmitLatencyBenchmarks
{
    private readonly LatencyRecorder _submits = new(1 << 20);
    private LoopbackJobNodes _nodes = null!;

    [GlobalSetup]
    public void Start() => _nodes = new LoopbackJobNodes(maxTasks: 64);

    [GlobalCleanup]
    public void Stop()
    {
        _submits.Report("POST /api/jobs (1 task)");
        _nodes.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool Healthz()
    {
        using var response = _nodes.Http.GetAsync("healthz").GetAwaiter().GetResult();
        return response.IsSuccessStatusCode;
    }

    [Benchmark]
    public string Submit()
    {
        var started = Stopwatch.GetTimestamp();
        var id = _nodes.Submit("""{"operation":"sum","task_count":1,"range":{"start":1,"end":1}}""");
        _submits.Record(started);
        return id;
    }
}
