using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>Strategy × restart type × exit reason → which of three children restart.</summary>
public sealed class SupervisorStrategyTests : RuntimeFixture
{
    private const string None = "";

    // The middle child ("b") of a, b, c exits; the expected set is the children that get new pids.
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Permanent, "normal", "b")]
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Permanent, "shutdown", "b")]
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Permanent, "crash", "b")]
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Transient, "normal", None)]
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Transient, "shutdown", None)]
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Transient, "crash", "b")]
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Temporary, "normal", None)]
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Temporary, "shutdown", None)]
    [TestCase(SupervisorStrategy.OneForOne, RestartType.Temporary, "crash", None)]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Permanent, "normal", "a,b,c")]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Permanent, "shutdown", "a,b,c")]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Permanent, "crash", "a,b,c")]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Transient, "normal", None)]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Transient, "shutdown", None)]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Transient, "crash", "a,b,c")]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Temporary, "normal", None)]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Temporary, "shutdown", None)]
    [TestCase(SupervisorStrategy.OneForAll, RestartType.Temporary, "crash", None)]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Permanent, "normal", "b,c")]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Permanent, "shutdown", "b,c")]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Permanent, "crash", "b,c")]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Transient, "normal", None)]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Transient, "shutdown", None)]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Transient, "crash", "b,c")]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Temporary, "normal", None)]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Temporary, "shutdown", None)]
    [TestCase(SupervisorStrategy.RestForOne, RestartType.Temporary, "crash", None)]
    public async Task ChildExit_StrategyRestartTypeReason_RestartsExpectedChildren(
        SupervisorStrategy strategy, RestartType restart, string reason, string expected)
    {
        var spec = new SupervisorSpec
        {
            Strategy = strategy,
            Intensity = 10,
            Children = [TestWorker.Spec("a"), TestWorker.Spec("b", restart: restart), TestWorker.Spec("c")],
        };
        var supervisor = await Supervisor.StartAsync(Runtime, spec);
        var before = await Tree.PidsAsync(Runtime, supervisor);

        MakeExit(before["b"], reason);

        var restarted = expected.Split(',', StringSplitOptions.RemoveEmptyEntries);
        Dictionary<string, Pid> after = [];
        await Eventually.True(
            async () =>
            {
                after = await Tree.PidsAsync(Runtime, supervisor);
                var bHandled = restarted.Length > 0
                    ? restarted.All(id => after[id] != before[id] && Runtime.IsAlive(after[id]))
                    : !after.TryGetValue("b", out var b) || b.IsNone;
                return bHandled;
            },
            $"b's exit ({reason}) was handled");

        foreach (var id in new[] { "a", "c" }.Except(restarted))
        {
            Assert.That(after[id], Is.EqualTo(before[id]), $"{id} must keep running untouched");
            Assert.That(Runtime.IsAlive(after[id]), Is.True);
        }

        Assert.That(after.ContainsKey("b"), Is.EqualTo(restart != RestartType.Temporary), "a temporary child's spec goes when it exits");
    }

    [TestCase(RestartType.Permanent, "normal", true)]
    [TestCase(RestartType.Permanent, "shutdown", true)]
    [TestCase(RestartType.Permanent, "crash", true)]
    [TestCase(RestartType.Transient, "normal", false)]
    [TestCase(RestartType.Transient, "shutdown", false)]
    [TestCase(RestartType.Transient, "crash", true)]
    [TestCase(RestartType.Temporary, "normal", false)]
    [TestCase(RestartType.Temporary, "shutdown", false)]
    [TestCase(RestartType.Temporary, "crash", false)]
    public async Task DynamicChildExit_SimpleOneForOneRestartTypeReason_RestartsOnlyThatChild(RestartType restart, string reason, bool restarts)
    {
        var spec = new SupervisorSpec
        {
            Strategy = SupervisorStrategy.SimpleOneForOne,
            Intensity = 10,
            Children = [TestWorker.Spec("template", restart: restart)],
        };
        var supervisor = await Supervisor.StartAsync(Runtime, spec);
        var first = (await Supervisor.StartDynamicChildAsync(Runtime, supervisor)).Pid;
        var second = (await Supervisor.StartDynamicChildAsync(Runtime, supervisor)).Pid;

        MakeExit(first, reason);

        IReadOnlyList<ChildInfo> children = [];
        await Eventually.True(
            async () =>
            {
                children = await Supervisor.WhichChildrenAsync(Runtime, supervisor);
                return children.All(c => c.Pid != first) && (!restarts || children.Count == 2);
            },
            "the first child's exit was handled");

        Assert.That(children.Select(c => c.Pid), Has.Member(second));
        Assert.That(children, Has.Count.EqualTo(restarts ? 2 : 1), "a dynamic child that is not restarted is forgotten");
    }

    private void MakeExit(Pid child, string reason)
    {
        switch (reason)
        {
            case "normal":
                Runtime.Send(child, new TestWorker.ExitWith(ExitReason.Normal));
                break;
            case "shutdown":
                Runtime.Send(child, new TestWorker.ExitWith(ExitReason.Shutdown));
                break;
            default:
                Runtime.Send(child, TestWorker.Crash);
                break;
        }
    }
}
