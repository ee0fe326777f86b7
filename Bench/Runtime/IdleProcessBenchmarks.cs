using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using DistSys.Runtime;

namespace DistSys.Bench.Runtime;

/// <summary>
/// Bytes per idle process: each operation creates one process that then waits for a message, so
/// the Allocated column is the managed memory one idle process costs (its table slot, 16 B, is
/// preallocated in chunks and not included). The baseline is the plain .NET equivalent: a
/// channel and an async loop awaiting it.
/// </summary>
public class IdleProcessBenchmarks
{
    private const int PerInvoke = 100_000;

    private static readonly Action<ProcessContext, object> Handler = static (_, _) => { };

    private readonly List<Channel<object>> _channels = new(PerInvoke);
    private readonly List<Task> _loops = new(PerInvoke);
    private ProcessRuntime _runtime = null!;

    [IterationSetup]
    public void Setup() => _runtime = new ProcessRuntime();

    [IterationCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        foreach (var channel in _channels)
        {
            channel.Writer.TryComplete();
        }

        Task.WaitAll([.. _loops]);
        _channels.Clear();
        _loops.Clear();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerInvoke)]
    public void ChannelLoop()
    {
        for (var i = 0; i < PerInvoke; i++)
        {
            var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            _channels.Add(channel);
            _loops.Add(LoopAsync(channel.Reader));
        }
    }

    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public void SpawnIdle()
    {
        for (var i = 0; i < PerInvoke; i++)
        {
            _runtime.Spawn(Handler);
        }
    }

    private static async Task LoopAsync(ChannelReader<object> reader)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            reader.TryRead(out _);
        }
    }
}
