using DistSys.Runtime.Distribution.Internal;

namespace DistSys.Runtime.Tests.Distribution.Internal;

public sealed class PartitionArbiterTests
{
    private static readonly TimeSpan Confirm = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan Quarantine = TimeSpan.FromSeconds(5);

    private readonly ManualClock _clock = new();
    private PartitionArbiter _arbiter = null!;

    [SetUp]
    public void SetUp() => _arbiter = new PartitionArbiter(Confirm, Quarantine, _clock);

    [Test]
    public void Report_FirstOne_DecidesNothing()
    {
        Assert.That(_arbiter.Report("worker1", 1, "worker2", 2), Is.Null);
        Assert.That(_arbiter.IsQuarantined("worker1") || _arbiter.IsQuarantined("worker2"), Is.False);
    }

    [Test]
    public void Report_RepeatedPastTheConfirmation_DownsTheYoungerOfATie()
    {
        _arbiter.Report("worker1", 1, "worker2", 2);
        _clock.Advance(Confirm);

        Assert.That(_arbiter.Report("worker1", 1, "worker2", 2), Is.EqualTo("worker2"), "worker2 joined later");
        Assert.That(_arbiter.IsQuarantined("worker2"), Is.True);
        Assert.That(_arbiter.IsQuarantined("worker1"), Is.False);
    }

    [Test]
    public void Report_TheReporterIsYounger_ItIsTheOneDowned()
    {
        _arbiter.Report("worker1", 9, "worker2", 2);
        _clock.Advance(Confirm);

        Assert.That(_arbiter.Report("worker1", 9, "worker2", 2), Is.EqualTo("worker1"));
    }

    [Test]
    public void Report_AWorkerCutOffFromMost_IsDownedWhateverItsAge()
    {
        // worker1 (the oldest) cannot reach worker2 nor worker3: it is the odd one out.
        _arbiter.Report("worker1", 1, "worker3", 3);
        _arbiter.Report("worker1", 1, "worker2", 2);
        _clock.Advance(Confirm);

        Assert.That(_arbiter.Report("worker1", 1, "worker2", 2), Is.EqualTo("worker1"));
    }

    [Test]
    public void Report_NotRepeatedForThreeConfirmations_StartsOver()
    {
        _arbiter.Report("worker1", 1, "worker2", 2);
        _clock.Advance(Confirm * 3);

        Assert.That(_arbiter.Report("worker1", 1, "worker2", 2), Is.Null, "the pair reconnected in between: a new suspicion");
    }

    [Test]
    public void IsQuarantined_EndsAfterTheQuarantine()
    {
        _arbiter.Report("worker1", 1, "worker2", 2);
        _clock.Advance(Confirm);
        _arbiter.Report("worker1", 1, "worker2", 2);

        _clock.Advance(Quarantine - TimeSpan.FromMilliseconds(1));
        Assert.That(_arbiter.IsQuarantined("worker2"), Is.True);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(_arbiter.IsQuarantined("worker2"), Is.False);
    }
}
