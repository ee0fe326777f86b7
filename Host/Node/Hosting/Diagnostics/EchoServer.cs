using DistSys.Runtime;

namespace DistSys.Host.Hosting.Diagnostics;

/// <summary>Answers the call "ping" with "pong from NODE", so a test sees which node really ran it.</summary>
internal sealed class EchoServer(string node) : GenServer
{
    public const string BehaviourName = "diag_echo";

    protected override ValueTask<object?> HandleCallAsync(ProcessContext context, object request) =>
        ValueTask.FromResult<object?>(request is "ping" ? $"pong from {node}" : $"unknown request {request}");
}
