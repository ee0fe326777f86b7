using DistSys.Streams.Storage;

namespace DistSys.Streams.Tests.Storage;

public sealed class SourceLogTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp() => _directory = Path.Combine(Path.GetTempPath(), "distsys-log-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public void Append_PastTheCapacity_IsRefusedUntilAcknowledged()
    {
        using var log = new SourceLog(_directory, capacity: 100, acked: 0);
        var line = new byte[59];
        line[^1] = (byte)'\n';
        Assert.That(log.Append(line).Full, Is.False);
        Assert.That(log.Append(line).Full, Is.True, "119 bytes unacknowledged would exceed 100");
        Assert.That(log.Used, Is.EqualTo(59));

        log.Ack(59);
        Assert.That(log.Append(line), Is.EqualTo(new AppendResult(false, 59, 118)));
    }

    [Test]
    public void Read_AfterReopening_ReturnsWholeLinesFromTheAcknowledgedOffset()
    {
        using (var log = new SourceLog(_directory, 1 << 20, 0))
        {
            log.Append("{\"a\":1}\n{\"a\":2}\n"u8);
            log.Append("{\"a\":3}\n"u8);
        }

        using var reopened = new SourceLog(_directory, 1 << 20, acked: 8);
        Assert.That(reopened.End, Is.EqualTo(24));
        var buffer = new byte[12];
        Assert.That(reopened.Read(8, buffer), Is.EqualTo(8), "one whole line fits in 12 bytes");
        Assert.That(System.Text.Encoding.UTF8.GetString(buffer, 0, 8), Is.EqualTo("{\"a\":2}\n"));
        Assert.That(reopened.Read(24, buffer), Is.EqualTo(0));
    }
}
