using System.Threading.Channels;

namespace DistSys.Bench.Runtime;

/// <summary>
/// The baseline: the same ping-pong shape with an unbounded single-reader channel and one async
/// loop per "process", the usual way to build actors directly on .NET.
/// </summary>
internal sealed class ChannelPingPong : IDisposable
{
    private readonly Channel<Ball>[] _pings;
    private readonly Channel<Ball>[] _pongs;
    private readonly Ball[] _balls;
    private readonly int _bouncesPerBall;
    private readonly ManualResetEventSlim _done = new();
    private readonly Task[] _loops;
    private int _remaining;

    public ChannelPingPong(int pairs, int inFlight, int bouncesPerBall)
    {
        _bouncesPerBall = bouncesPerBall;
        _pings = new Channel<Ball>[pairs];
        _pongs = new Channel<Ball>[pairs];
        _balls = new Ball[pairs * inFlight];
        _loops = new Task[pairs * 2];
        var options = new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false };
        for (var p = 0; p < pairs; p++)
        {
            _pings[p] = Channel.CreateUnbounded<Ball>(options);
            _pongs[p] = Channel.CreateUnbounded<Ball>(options);
            for (var i = 0; i < inFlight; i++)
            {
                _balls[(p * inFlight) + i] = new Ball(default, p);
            }

            var (ping, pong) = (_pings[p], _pongs[p]);
            _loops[2 * p] = Task.Run(() => PingLoopAsync(ping.Reader, pong.Writer));
            _loops[(2 * p) + 1] = Task.Run(() => PongLoopAsync(pong.Reader, ping.Writer));
        }
    }

    public void Run()
    {
        _done.Reset();
        _remaining = _balls.Length;
        foreach (var ball in _balls)
        {
            ball.Remaining = _bouncesPerBall / 2;
        }

        foreach (var ball in _balls)
        {
            _pongs[ball.ChannelIndex].Writer.TryWrite(ball);
        }

        _done.Wait();
    }

    public void Dispose()
    {
        foreach (var channel in _pings.Concat(_pongs))
        {
            channel.Writer.TryComplete();
        }

        Task.WaitAll(_loops);
        _done.Dispose();
    }

    private async Task PingLoopAsync(ChannelReader<Ball> inbox, ChannelWriter<Ball> pong)
    {
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out var ball))
            {
                if (--ball.Remaining > 0)
                {
                    pong.TryWrite(ball);
                }
                else if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _done.Set();
                }
            }
        }
    }

    private static async Task PongLoopAsync(ChannelReader<Ball> inbox, ChannelWriter<Ball> ping)
    {
        while (await inbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (inbox.TryRead(out var ball))
            {
                ping.TryWrite(ball);
            }
        }
    }
}
