using System.Diagnostics;
using DistSys.Runtime;

namespace DistSys.Host.Hosting.Diagnostics;

/// <summary>
/// Sends <paramref name="count"/> balls to a (remote) <see cref="PongServer"/> at once, so many are in
/// flight, and checks that they come back in the order they were sent (per-pair ordering across nodes).
/// </summary>
internal sealed class PingClient(Pid pong, int count, TaskCompletionSource<PingPongView> done, string node) : Behaviour
{
    private long _started;
    private int _received;
    private bool _inOrder = true;

    protected override ValueTask InitAsync(ProcessContext context)
    {
        _started = Stopwatch.GetTimestamp();
        for (var seq = 0; seq < count; seq++)
        {
            context.Send(pong, new DiagBall(context.Self, seq));
        }

        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        if (message is not DiagBall ball)
        {
            return default;
        }

        _inOrder &= ball.Seq == _received;
        if (++_received == count)
        {
            done.TrySetResult(new PingPongView(node, count, _inOrder, Stopwatch.GetElapsedTime(_started).TotalMilliseconds));
            context.Stop();
        }

        return default;
    }
}
