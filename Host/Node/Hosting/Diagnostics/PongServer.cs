using DistSys.Runtime;

namespace DistSys.Host.Hosting.Diagnostics;

/// <summary>Sends every ball straight back to whoever it names, with its own pid as the reply address.</summary>
internal sealed class PongServer : Behaviour
{
    public const string BehaviourName = "diag_pong";

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        if (message is DiagBall ball)
        {
            context.Send(ball.ReplyTo, ball with { ReplyTo = context.Self });
        }

        return default;
    }
}
