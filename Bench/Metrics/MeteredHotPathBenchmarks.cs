using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using DistSys.Bench.Jobs;
using DistSys.Bench.Runtime;
using DistSys.Jobs;
using DistSys.Runtime;

namespace DistSys.Bench.Metrics;

/// <summary>
/// The hot paths with a metrics listener attached against without, in one run: the baseline is the
/// "no-listener" job, the other job runs the same methods in a process where a MeterListener enables
/// every instrument of the DistSys meters (as the node's exporter does), counts every measurement, and collects the observable instruments once a second (a Prometheus scrape). Paths: a
/// 50 000-task in-process job (per-task counters and the duration histogram are recorded on the
/// scheduler) and local ping-pong (no per-message instrument: the figure shows the listener costs it
/// nothing).
/// </summary>
[Config(typeof(ListenerJobs))]
public class MeteredHotPathBenchmarks
{
    public const string ListenerVariable = "DISTSYS_BENCH_METER_LISTENER";
    private const int Tasks = JobThroughputBenchmarks.Tasks;
    private const int Messages = 200_000;
    private const string Config = """{"operation":"sum","task_count":50000,"range":{"start":1,"end":50000}}""";

    private InProcessJobCluster _jobs = null!;
    private ProcessRuntime _runtime = null!;
    private PingPongShape _pingPong = null!;
    private MeterListener? _listener;
    private Timer? _scrape;
    private long _measurements;

    [GlobalSetup]
    public void Start()
    {
        if (Environment.GetEnvironmentVariable(ListenerVariable) == "1")
        {
            _listener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name.StartsWith("DistSys.", StringComparison.Ordinal))
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _measurements));
            _listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref _measurements));
            _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _measurements));
            _listener.Start();
            _scrape = new Timer(_ => _listener.RecordObservableInstruments(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        _jobs = new InProcessJobCluster(256);
        _runtime = new ProcessRuntime();
        _pingPong = new PingPongShape(_runtime, 1, 100, Messages / 100);
    }

    [GlobalCleanup]
    public void Stop()
    {
        _scrape?.Dispose();
        _listener?.Dispose();
        if (_listener is not null)
        {
            // The proof the listener saw the path: printed in the benchmark's log.
            Console.WriteLine($"// meter listener: {Interlocked.Read(ref _measurements):N0} measurements");
        }

        _runtime.Dispose();
        _jobs.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Tasks)]
    public void InProcessJob()
    {
        var id = _jobs.Submit(Config);
        LoopbackJobNodes.Until(() => _jobs.Status(id) == JobStatus.Completed, pollMs: 1);
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public void LocalPingPong() => _pingPong.Run();

    /// <summary>Two jobs, alike but for the listener; the one without is the baseline every ratio is against.</summary>
    private sealed class ListenerJobs : ManualConfig
    {
        public ListenerJobs()
        {
            var job = Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15).WithInvocationCount(1);
            AddJob(job.WithId("no-listener").AsBaseline());
            AddJob(job.WithId("listener").WithEnvironmentVariables(new EnvironmentVariable(ListenerVariable, "1")));
        }
    }
}
