using DistSys.Transport.Messages;

namespace DistSys.Runtime.Tests;

public class ExitReasonTests
{
    [Test]
    public void WellKnown_Singletons_HaveTheirKindAndErlangName()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ExitReason.Normal.Kind, Is.EqualTo(ExitReasonKind.Normal));
            Assert.That(ExitReason.Normal.IsNormal, Is.True);
            Assert.That(ExitReason.Kill.ToString(), Is.EqualTo("kill"));
            Assert.That(ExitReason.Killed.ToString(), Is.EqualTo("killed"));
            Assert.That(ExitReason.Shutdown.ToString(), Is.EqualTo("shutdown"));
            Assert.That(ExitReason.NoProc.ToString(), Is.EqualTo("noproc"));
            Assert.That(ExitReason.NoConnection.ToString(), Is.EqualTo("noconnection"));
            Assert.That(ExitReason.Timeout.ToString(), Is.EqualTo("timeout"));
        });
    }

    [Test]
    public void FromException_Exception_CarriesIt()
    {
        var boom = new InvalidOperationException("boom");
        var reason = ExitReason.FromException(boom);
        Assert.Multiple(() =>
        {
            Assert.That(reason.Kind, Is.EqualTo(ExitReasonKind.Exception));
            Assert.That(reason.Exception, Is.SameAs(boom));
            Assert.That(reason.ToString(), Does.Contain("boom"));
        });
    }

    [Test]
    public void Custom_SameText_AreEqual()
    {
        Assert.That(ExitReason.Custom("bye"), Is.EqualTo(ExitReason.Custom("bye")));
        Assert.That(ExitReason.Custom("bye"), Is.Not.EqualTo(ExitReason.Shutdown));
    }

    [Test]
    public void Custom_EmptyText_Throws()
    {
        Assert.Throws<ArgumentException>(() => ExitReason.Custom(""));
    }
}
