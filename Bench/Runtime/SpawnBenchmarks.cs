using BenchmarkDotNet.Attributes;
using DistSys.Runtime;

namespace DistSys.Bench.Runtime;

/// <summary>
/// Spawn + exit rate: one operation spawns a process, sends it a preallocated stop message, and
/// the process handles it and exits (slot, name and links released). The baseline is
/// <c>Task.Run</c> of an empty delegate, awaited.
/// </summary>
public class SpawnBenchmarks
{
    private const int PerInvoke = 100_000;

    private static readonly object Stop = new();
    private static readonly Action EmptyAction = static () => { };

    private readonly Task[] _tasks = new Task[PerInvoke];
    private readonly ManualResetEventSlim _done = new();
    private ProcessRuntime _runtime = null!;
    private Action<ProcessContext, object> _stopHandler = null!;
    private int _remaining;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = new ProcessRuntime();
        _stopHandler = (context, _) =>
        {
            context.Stop();
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.Set();
            }
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _runtime.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = PerInvoke)]
    public void TaskRun()
    {
        for (var i = 0; i < PerInvoke; i++)
        {
            _tasks[i] = Task.Run(EmptyAction);
        }

        Task.WaitAll(_tasks);
    }

    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public void SpawnAndExit()
    {
        _done.Reset();
        _remaining = PerInvoke;
        for (var i = 0; i < PerInvoke; i++)
        {
            _runtime.Send(_runtime.Spawn(_stopHandler), Stop);
        }

        _done.Wait();
        while (_runtime.ProcessCount != 0)
        {
            Thread.SpinWait(16); // the last few are finishing their exit
        }
    }
}
