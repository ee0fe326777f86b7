using DistSys.Streams.Engine;

namespace DistSys.Streams.Tests.Engine;

/// <summary>The placement rule: spread a stage's instances first, then the least loaded worker per task slot, then by name.</summary>
public sealed class PlacementTests
{
    private static readonly string[] Workers = ["worker1", "worker2", "worker3"];
    private static readonly Dictionary<string, int> NoInstances = [];
    private static readonly Dictionary<string, WorkerLoad> Idle = new()
    {
        ["worker1"] = new(0, 8), ["worker2"] = new(0, 8), ["worker3"] = new(0, 8),
    };

    [Test]
    public void Choose_IdleEqualWorkers_ByName()
    {
        Assert.That(Placement.Choose(Workers, [], NoInstances, Idle), Is.EqualTo("worker1"));
    }

    [Test]
    public void Choose_BatchTasksRunning_TheLeastLoadedWorkerPerSlot()
    {
        var loads = new Dictionary<string, WorkerLoad> { ["worker1"] = new(6, 8), ["worker2"] = new(3, 4), ["worker3"] = new(4, 16) };

        Assert.That(Placement.Choose(Workers, [], NoInstances, loads), Is.EqualTo("worker3"), "4/16 slots busy is the lightest");
    }

    [Test]
    public void Choose_StreamInstancesCountWithBatchTasks()
    {
        var instances = new Dictionary<string, int> { ["worker1"] = 2, ["worker2"] = 3 };
        var loads = new Dictionary<string, WorkerLoad> { ["worker1"] = new(2, 8), ["worker2"] = new(0, 8), ["worker3"] = new(5, 8) };

        Assert.That(Placement.Choose(Workers, [], instances, loads), Is.EqualTo("worker2"), "3 of 8 busy against 4 and 5");
    }

    [Test]
    public void Choose_ASiblingAlreadyThere_SpreadsBeforeLoad()
    {
        var loads = new Dictionary<string, WorkerLoad> { ["worker1"] = new(0, 8), ["worker2"] = new(7, 8), ["worker3"] = new(8, 8) };

        Assert.Multiple(() =>
        {
            Assert.That(Placement.Choose(Workers, ["worker1"], NoInstances, loads), Is.EqualTo("worker2"), "the stage's second instance avoids its first");
            Assert.That(Placement.Choose(Workers, ["worker1", "worker2", "worker3"], NoInstances, loads), Is.EqualTo("worker1"),
                "once every worker has one, the lightest takes the next");
        });
    }

    [Test]
    public void Choose_AWorkerTheSchedulerDoesNotKnow_CountsAsOneIdleSlot()
    {
        var instances = new Dictionary<string, int> { ["worker3"] = 1 };

        Assert.Multiple(() =>
        {
            Assert.That(Placement.Choose(Workers, [], NoInstances, new Dictionary<string, WorkerLoad>()), Is.EqualTo("worker1"));
            Assert.That(Placement.Choose(["worker1", "worker3"], [], instances, new Dictionary<string, WorkerLoad> { ["worker1"] = new(4, 8) }),
                Is.EqualTo("worker1"), "one instance on one slot weighs more than 4 tasks on 8");
        });
    }
}
