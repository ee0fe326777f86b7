using BenchmarkDotNet.Attributes;
using DistSys.Runtime.Distribution;

namespace DistSys.Bench.Distribution;

/// <summary>
/// Failure-detection time with the default detector (200 ms heartbeats, 800 ms timeout): each iteration
/// starts a fresh peer process, then kills it and measures until the master reports it down.
/// <see cref="Sigkill"/> (the baseline): the kernel closes its sockets, so the close is seen at once.
/// <see cref="Sigstop"/>: the process freezes with its sockets open, so only the heartbeat timeout finds it.
/// </summary>
[InvocationCount(1)]
[WarmupCount(1)]
[IterationCount(10)]
[MinColumn]
[MaxColumn]
public class FailureDetectionBenchmarks
{
    private const string Victim = "victim";

    private ClusterNode _master = null!;
    private PeerProcess? _peer;
    private TaskCompletionSource _down = new();
    private int _incarnation;

    [GlobalSetup]
    public void Setup()
    {
        _master = BenchCluster.StartMaster();
        _master.MemberChanged += member =>
        {
            if (member.Name == Victim && member.State == MemberState.Down)
            {
                _down.TrySetResult();
            }
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _master.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup]
    public void StartVictim()
    {
        _down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _peer = PeerProcess.Start(Victim, _master.Port, BenchCluster.Cookie);
        _incarnation = BenchCluster.WaitUntilUp(_master, Victim, _incarnation).Incarnation;
    }

    [IterationCleanup]
    public void StopVictim() => _peer?.Dispose();

    [Benchmark(Baseline = true)]
    public void Sigkill()
    {
        _peer!.Kill();
        _down.Task.Wait();
    }

    [Benchmark]
    public void Sigstop()
    {
        _peer!.Freeze();
        _down.Task.Wait();
    }
}
