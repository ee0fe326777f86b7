using DistSys.Transport.Framing;

namespace DistSys.Transport.Tests.Framing;

public sealed class TransportLimitsTests
{
    [Test]
    public void Default_Always_Uses16MiBPayload() =>
        Assert.That(TransportLimits.Default.MaxPayload, Is.EqualTo(16 * 1024 * 1024));

    [Test]
    public void Init_NonPositiveValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TransportLimits { MaxPayload = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TransportLimits { MaxStringBytes = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TransportLimits { MaxListCount = 0 });
    }
}
