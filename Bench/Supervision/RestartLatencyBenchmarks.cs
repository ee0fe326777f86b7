using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using DistSys.Runtime;
using DistSys.Supervision;

namespace DistSys.Bench.Supervision;

/// <summary>
/// Restart latency: one operation crashes a registered worker and spins until its replacement
/// is alive and registered under the same name. Supervised, the one_for_one supervisor receives
/// the EXIT, checks the intensity window and starts the replacement. The baseline does the same
/// by hand without a supervisor: crash, wait for the name to be released, spawn a new worker
/// under it. The waits spin, yielding the core (2-core machines need the scheduler threads to
/// run). The per-operation p50/p99 are printed at the end of each run (LatencyRecorder).
/// </summary>
public class RestartLatencyBenchmarks
{
    private const string Name = "bench.worker";
    private static readonly ExitReason Crash = ExitReason.Custom("crash");
    private static readonly SpawnOptions Options = new() { Name = Name };

    private readonly LatencyRecorder _latencies = new(1 << 20);
    private ProcessRuntime _runtime = null!;
    private Pid _current;
    private string _what = "";

    [GlobalSetup(Target = nameof(PlainRespawn))]
    public void SetupPlain()
    {
        _runtime = new ProcessRuntime();
        _what = "plain crash -> respawn";
        _current = _runtime.Spawn(new BenchWorker(), Options);
    }

    [GlobalSetup(Target = nameof(SupervisedRestart))]
    public void SetupSupervised()
    {
        _runtime = new ProcessRuntime();
        _what = "supervised crash -> restart";
        var spec = new SupervisorSpec
        {
            // A short window so the restart history stays a handful of entries at any rate.
            Intensity = 1_000,
            Period = TimeSpan.FromMilliseconds(1),
            Children = [ChildSpec.Worker("worker", () => new BenchWorker(), Options)],
        };
        Supervisor.StartAsync(_runtime, spec).GetAwaiter().GetResult();
        _current = _runtime.Whereis(Name);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _latencies.Report(_what);
        _runtime.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Pid PlainRespawn()
    {
        var start = Stopwatch.GetTimestamp();
        _runtime.Exit(_current, Crash);
        var spinner = default(SpinWait);
        while (!_runtime.Whereis(Name).IsNone)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        _current = _runtime.Spawn(new BenchWorker(), Options);
        _latencies.Record(start);
        return _current;
    }

    [Benchmark]
    public Pid SupervisedRestart()
    {
        var old = _current;
        var start = Stopwatch.GetTimestamp();
        _runtime.Exit(old, Crash);
        Pid now;
        var spinner = default(SpinWait);

        // Alive as well as registered: the runtime claims the name a moment before the process
        // can receive signals, and the next operation's crash must not fall into that gap.
        while ((now = _runtime.Whereis(Name)).IsNone || now == old || !_runtime.IsAlive(now))
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        _latencies.Record(start);
        _current = now;
        return now;
    }

    /// <summary>A worker with no init, so its start is just the spawn.</summary>
    private sealed class BenchWorker : Behaviour
    {
        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message) => default;
    }
}
