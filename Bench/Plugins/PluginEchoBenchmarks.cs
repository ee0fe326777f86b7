using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;

namespace DistSys.Bench.Plugins;

/// <summary>
/// Node ↔ plugin process round trips of <see cref="Size"/> bytes, each echoed by the other process. The
/// shared-memory path is the whole plugin stack (PluginManager.InvokeAsync: route, pending table, ring,
/// plugin SDK loop, reader thread); the baseline is the same exchange over a Unix-domain socket to the
/// same program. Subclasses choose how many round trips are in flight.
/// </summary>
public abstract class PluginEchoBenchmarks
{
    private readonly ValueTask<string>[] _inFlight = new ValueTask<string>[64];
    private readonly ArrayBufferWriter<byte>[] _responses = [.. Enumerable.Range(0, 64).Select(_ => new ArrayBufferWriter<byte>(65536))];
    private readonly ManualResetEventSlim _done = new();
    private Action _signal = null!;
    private byte[] _payload = null!;
    private byte[] _framed = null!;
    private byte[] _reply = null!;

    [Params(64, 65536)]
    public int Size { get; set; }

    /// <summary>
    /// PluginSpec.InlineCompletions: false = the caller's continuation is queued to the thread pool (the
    /// default, safe for any caller); true = it runs on the node's reader thread (one hop fewer, for callers
    /// that never block there — this benchmark only sets an event).
    /// </summary>
    [Params(false, true)]
    public bool InlineCompletions { get; set; }

    private protected PluginPeers Peers { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        Peers = PluginPeers.StartAsync(InlineCompletions).GetAwaiter().GetResult();
        _payload = new byte[Size];
        _framed = PluginPeers.Framed(Size);
        _reply = new byte[4 + Size];
        _signal = _done.Set;
    }

    [GlobalCleanup]
    public virtual void Cleanup() => Peers.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private protected void SocketRoundTrips(int window)
    {
        if (window == 1)
        {
            Peers.SocketWrite(_framed);
            Peers.SocketRead(_reply);
            return;
        }

        // Requests go out on a second thread so a window larger than the socket buffers cannot deadlock.
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < window; i++)
            {
                Peers.SocketWrite(_framed);
            }
        });
        for (var i = 0; i < window; i++)
        {
            Peers.SocketRead(_reply);
        }

        writer.GetAwaiter().GetResult();
    }

    [SuppressMessage("Reliability", "CA2012", Justification = "a window of requests in flight; Wait awaits each exactly once")]
    private protected void RingRoundTrips(int window)
    {
        // The allocation-free API: responses land in reused buffers, completions come from pooled slots.
        for (var i = 0; i < window; i++)
        {
            _responses[i].ResetWrittenCount();
            _inFlight[i] = Peers.Manager.InvokeAsync("echo", "echo", _payload, _responses[i]);
        }

        for (var i = 0; i < window; i++)
        {
            Wait(_inFlight[i]);
        }
    }

    /// <summary>Blocks like the socket baseline's caller does, without a Task (AsTask would allocate).</summary>
    private void Wait(ValueTask<string> pending)
    {
        var awaiter = pending.GetAwaiter();
        if (!awaiter.IsCompleted)
        {
            _done.Reset();
            awaiter.UnsafeOnCompleted(_signal);
            _done.Wait();
        }

        awaiter.GetResult();
    }
}
