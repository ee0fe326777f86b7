using DistSys.Runtime;

namespace DistSys.Bench.Runtime;

/// <summary>Pairs of runtime processes bouncing preallocated balls until each has made its bounces.</summary>
internal sealed class PingPongShape
{
    private readonly ProcessRuntime _runtime;
    private readonly Ball[] _balls;
    private readonly Pid[] _pongs;
    private readonly int _bouncesPerBall;
    private readonly ManualResetEventSlim _done = new();
    private int _remaining;

    public PingPongShape(ProcessRuntime runtime, int pairs, int inFlight, int bouncesPerBall)
    {
        _runtime = runtime;
        _bouncesPerBall = bouncesPerBall;
        _balls = new Ball[pairs * inFlight];
        _pongs = new Pid[pairs];
        for (var p = 0; p < pairs; p++)
        {
            var pong = runtime.Spawn(static (context, message) => context.Send(((Ball)message).Ping, message));
            var ping = runtime.Spawn((context, message) =>
            {
                var ball = (Ball)message;
                if (--ball.Remaining > 0)
                {
                    context.Send(pong, ball);
                }
                else if (Interlocked.Decrement(ref _remaining) == 0)
                {
                    _done.Set();
                }
            });
            _pongs[p] = pong;
            for (var i = 0; i < inFlight; i++)
            {
                _balls[(p * inFlight) + i] = new Ball(ping, p);
            }
        }
    }

    /// <summary>Each bounce is two messages (ping→pong, pong→ping).</summary>
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
            _runtime.Send(_pongs[ball.ChannelIndex], ball);
        }

        _done.Wait();
    }
}
