using DistSys.Runtime;
using MessagePack;

namespace DistSys.Host.Hosting.Diagnostics;

/// <summary>The ball of the diagnostics ping-pong: who to send it back to, and its place in the sequence.</summary>
[MessagePackObject]
internal sealed record DiagBall([property: Key(0)] Pid ReplyTo, [property: Key(1)] int Seq)
{
    /// <summary>Its wire tag, far above the services' own so a debugging type never takes one they need.</summary>
    public const int Tag = 9_001;
}
