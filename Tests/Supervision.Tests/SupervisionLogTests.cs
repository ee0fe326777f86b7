using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>Restarts, give-ups and escalations are logged with child id, reason and restart count.</summary>
public sealed class SupervisionLogTests
{
    [Test]
    public async Task Crash_RestartThenGiveUp_LogsEachWithIdReasonAndCount()
    {
        using var runtime = new ProcessRuntime();
        var logger = new ListLogger();
        var supervisor = await Supervisor.StartAsync(runtime, new SupervisorSpec
        {
            Intensity = 1,
            Logger = logger,
            Metrics = new SupervisionMetrics(),
            Children = [TestWorker.Spec("cache")],
        });
        var exited = await ExitWatcher.StartAsync(runtime, supervisor);

        runtime.Send((await Tree.PidsAsync(runtime, supervisor))["cache"], TestWorker.Crash);
        await Eventually.True(() => logger.Entries.Any(e => e.EventId == 5001), "the restart is logged");
        runtime.Send((await Tree.PidsAsync(runtime, supervisor))["cache"], TestWorker.Crash);
        await exited;

        var entries = logger.Entries.ToArray();
        Assert.That(entries.Select(e => e.EventId), Is.EqualTo(new[] { 5001, 5003, 5004 }));
        Assert.That(entries[0].Text, Does.Contain("'cache'").And.Contain("crashed on request").And.Contain("(restart 1)"));
        Assert.That(entries[1].Text, Does.Contain("'cache'").And.Contain("gives up").And.Contain("(restart 1)"));
        Assert.That(entries[2].Text, Does.Contain("escalates"));
    }
}
