using DistSys.Host.Hosting.Settings;

namespace DistSys.Node.Tests.Hosting.Settings;

public sealed class DurationTextTests
{
    [TestCase("250ms", 250)]
    [TestCase("250", 250)]
    [TestCase("1s", 1000)]
    [TestCase("1.5s", 1500)]
    [TestCase("2m", 120_000)]
    [TestCase(" 40MS ", 40)]
    public void TryParse_ValidText_GivesDuration(string text, double milliseconds)
    {
        Assert.That(DurationText.TryParse(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [TestCase("")]
    [TestCase("ms")]
    [TestCase("fast")]
    [TestCase("-5ms")]
    [TestCase("0")]
    [TestCase("1e3")]
    [TestCase("2h")]
    [TestCase("99999999m")]
    public void TryParse_InvalidText_IsRefused(string text)
    {
        Assert.That(DurationText.TryParse(text, out _), Is.False);
    }
}
