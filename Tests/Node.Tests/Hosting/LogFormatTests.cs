using System.Text.Json;
using DistSys.Integration.Tests.Support;

namespace DistSys.Node.Tests.Hosting;

/// <summary><c>--log-format json</c> on a real master: every line is one JSON object from the standard formatter, event ids kept.</summary>
[TestFixture]
[NonParallelizable]
public sealed class LogFormatTests
{
    [Test]
    public async Task LogFormatJson_MasterStarts_EveryLineIsAJsonObjectWithItsEventId()
    {
        await using var cluster = new TestCluster();
        var master = cluster.StartMaster(extra: ["--log-format", "json"]);
        await master.WaitForHealthyAsync();
        await master.WaitForLineAsync("\"Category\":\"DistSys.Host\"");

        var lines = master.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var listening = entries.Single(e => e.GetProperty("Category").GetString() == "DistSys.Host" && e.GetProperty("Message").GetString()!.Contains("listening on", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(entries.All(e => e.TryGetProperty("EventId", out _) && e.TryGetProperty("LogLevel", out _)), Is.True);
            Assert.That(listening.GetProperty("EventId").GetInt32(), Is.EqualTo(2), "HostLog.Listening keeps its id");
            Assert.That(listening.GetProperty("LogLevel").GetString(), Is.EqualTo("Information"));
        });
    }
}
