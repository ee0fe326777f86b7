using DistSys.Supervision.Internal;

namespace DistSys.Supervision.Tests.Internal;

public sealed class RestartWindowTests
{
    [Test]
    public void TryRecord_IntensityTwoInPeriod_ThirdRefusedUntilTheFirstLeaves()
    {
        var clock = new ManualClock();
        var window = new RestartWindow(2, TimeSpan.FromSeconds(5), clock);

        Assert.That(window.TryRecord(), Is.True);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(window.TryRecord(), Is.True);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.That(window.TryRecord(), Is.False, "at exactly one period the first restart still counts");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.That(window.TryRecord(), Is.True, "the restarts at 0 s and 1 s left the window; the refused one at 5 s and this one remain");
    }
}
