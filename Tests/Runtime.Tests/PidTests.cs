namespace DistSys.Runtime.Tests;

public class PidTests
{
    [Test]
    public void Equals_SameParts_AreEqual()
    {
        var a = new Pid(1, 7, Pid.MakeId(3, 2));
        var b = new Pid(1, 7, Pid.MakeId(3, 2));
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        });
    }

    [TestCase(2, 7, 3, 2)]
    [TestCase(1, 8, 3, 2)]
    [TestCase(1, 7, 4, 2)]
    [TestCase(1, 7, 3, 3)]
    public void Equals_AnyPartDiffers_AreNotEqual(int node, int incarnation, int slot, int generation)
    {
        var a = new Pid(1, 7, Pid.MakeId(3, 2));
        var b = new Pid(node, incarnation, Pid.MakeId(slot, generation));
        Assert.That(a != b, Is.True);
    }

    [Test]
    public void MakeId_SlotAndGeneration_RoundTrip()
    {
        var pid = new Pid(0, 1, Pid.MakeId(int.MaxValue, -5));
        Assert.Multiple(() =>
        {
            Assert.That(pid.Slot, Is.EqualTo(int.MaxValue));
            Assert.That(pid.Generation, Is.EqualTo(-5));
            Assert.That(pid.ToString(), Is.EqualTo($"<0.{int.MaxValue}.-5>"));
        });
    }

    [Test]
    public void None_Default_IsNone()
    {
        Assert.That(default(Pid).IsNone && Pid.None == default, Is.True);
    }

    [Test]
    public void Spawn_SlotReusedAfterDeath_NewPidDiffersAndOldPidReachesNothing()
    {
        using var runtime = new ProcessRuntime();
        var received = 0;
        var old = runtime.Spawn((_, _) => Interlocked.Increment(ref received));
        runtime.Exit(old, ExitReason.Kill);
        SpinWait.SpinUntil(() => runtime.ProcessCount == 0, Eventually.Liveness);

        var reused = runtime.Spawn((_, _) => Interlocked.Increment(ref received));
        Assert.That(reused.Slot, Is.EqualTo(old.Slot), "the only free slot is reused");
        Assert.That(reused, Is.Not.EqualTo(old));
        runtime.Send(old, "lost");
        Assert.That(runtime.UndeliverableMessages, Is.EqualTo(1));
    }
}
