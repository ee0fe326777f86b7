using DistSys.Runtime;
using DistSys.Runtime.Distribution;

namespace DistSys.Bench.Distribution;

/// <summary>
/// Pairs of pingers on the master bouncing <c>inFlight</c> balls each off an "echo" process spawned on
/// <c>node</c>. A ball is a small boxed int, which encodes and decodes without allocating, so what the
/// allocation column shows is the distribution path itself.
/// </summary>
internal sealed class RemotePingPong
{
    private static readonly object Ball = 1;

    private readonly ProcessRuntime _runtime;
    private readonly Pid[] _echoes;
    private readonly int[] _toSend;
    private readonly int[] _toReceive;
    private readonly int _inFlight;
    private readonly int _roundTripsPerPair;
    private readonly ManualResetEventSlim _done = new();
    private int _pairsLeft;

    public RemotePingPong(ClusterNode master, string node, int pairs, int inFlight, int roundTripsPerPair)
    {
        _runtime = master.Runtime;
        _inFlight = inFlight;
        _roundTripsPerPair = roundTripsPerPair;
        _echoes = new Pid[pairs];
        _toSend = new int[pairs];
        _toReceive = new int[pairs];
        for (var p = 0; p < pairs; p++)
        {
            var pair = p;
            var pinger = _runtime.Spawn((context, message) =>
            {
                if (--_toSend[pair] >= 0)
                {
                    context.Send(_echoes[pair], message);
                }

                if (--_toReceive[pair] == 0 && Interlocked.Decrement(ref _pairsLeft) == 0)
                {
                    _done.Set();
                }
            });
            _echoes[p] = master.SpawnAsync(node, "echo", pinger, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        }
    }

    /// <summary>Each round trip is two messages over the network (there and back).</summary>
    public void Run()
    {
        _done.Reset();
        _pairsLeft = _echoes.Length;
        for (var p = 0; p < _echoes.Length; p++)
        {
            _toSend[p] = _roundTripsPerPair - _inFlight;
            _toReceive[p] = _roundTripsPerPair;
        }

        for (var p = 0; p < _echoes.Length; p++)
        {
            for (var i = 0; i < _inFlight; i++)
            {
                _runtime.Send(_echoes[p], Ball);
            }
        }

        if (!_done.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new TimeoutException("the ping-pong stalled");
        }
    }
}
