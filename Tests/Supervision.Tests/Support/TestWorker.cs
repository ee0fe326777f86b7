using System.Collections.Concurrent;
using DistSys.Runtime;

namespace DistSys.Supervision.Tests.Support;

/// <summary>
/// A worker that exits on request (<see cref="ExitWith"/>), crashes on request (<see cref="Crash"/>),
/// and can record its start and stop in a shared journal.
/// </summary>
internal sealed class TestWorker(string name, ConcurrentQueue<string>? journal = null, bool ignoreShutdown = false) : Behaviour
{
    public static readonly object Crash = new();

    /// <summary>A start function for a worker that journals "start:name" and "stop:name".</summary>
    public static ChildStart Start(string name, ConcurrentQueue<string>? journal = null, bool ignoreShutdown = false) =>
        ChildStarts.Linked(() =>
        {
            journal?.Enqueue($"start:{name}");
            return new TestWorker(name, journal, ignoreShutdown);
        });

    public static ChildSpec Spec(string id, ConcurrentQueue<string>? journal = null, RestartType restart = RestartType.Permanent) =>
        new(id, Start(id, journal)) { Restart = restart };

    protected override ValueTask InitAsync(ProcessContext context)
    {
        context.TrapExit = ignoreShutdown;
        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case ExitWith exit:
                context.Stop(exit.Reason);
                break;
            case var crash when crash == Crash:
                throw new InvalidOperationException($"{name} crashed on request");
        }

        return default;
    }

    protected override void Terminate(ProcessContext context, ExitReason reason) => journal?.Enqueue($"stop:{name}");

    public sealed record ExitWith(ExitReason Reason);
}
