using DistSys.Transport.Connections;

namespace DistSys.Transport.Tests.Connections;

[TestFixture]
public sealed class BackoffPolicyTests
{
    [Test]
    public void CeilingFor_Attempts_DoublesUntilCapped()
    {
        var policy = new BackoffPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        var ceilings = Enumerable.Range(0, 6).Select(a => policy.CeilingFor(a).TotalMilliseconds);
        Assert.That(ceilings, Is.EqualTo(new double[] { 100, 200, 400, 800, 1000, 1000 }));
    }

    [Test]
    public void DelayFor_ManyAttempts_StaysWithinHalfToFullCeiling()
    {
        var policy = new BackoffPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5), new Random(42));
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var delay = policy.DelayFor(attempt);
            var ceiling = policy.CeilingFor(attempt);
            Assert.That(delay, Is.InRange(ceiling / 2, ceiling), $"attempt {attempt}");
        }
    }

    [Test]
    public void DelayFor_SameSeed_GivesSameJitteredSchedule()
    {
        var first = new BackoffPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(3), new Random(1));
        var second = new BackoffPolicy(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(3), new Random(1));
        var a = Enumerable.Range(0, 10).Select(first.DelayFor).ToArray();
        var b = Enumerable.Range(0, 10).Select(second.DelayFor).ToArray();
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.Distinct().Count(), Is.GreaterThan(5), "jitter varies the delays");
    }

    [Test]
    public void CeilingFor_HugeAttempt_DoesNotOverflow() =>
        Assert.That(BackoffPolicy.Default.CeilingFor(int.MaxValue), Is.EqualTo(BackoffPolicy.Default.Max));
}
