using System.Net;
using System.Text.RegularExpressions;

namespace DistSys.Integration.Tests.Cluster;

/// <summary><c>start --workers 1</c> as a real process: its master and worker answer, and SIGTERM stops them and it, exit 0.</summary>
public sealed partial class StartCommandTests
{
    [Test]
    public async Task Start_OneWorker_ServesUntilSigtermThenStopsEveryChild()
    {
        var dir = Directory.CreateTempSubdirectory("distsys-start-").FullName;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = dir, // never the developer's ~/.distsys.cookie
            ["DISTSYS_API_TOKEN"] = "start-test-token-7c1d",
        };
        await using var start = NodeProcess.Start("start", port, ["start", "--workers", "1", "--port", $"{port}", "--data-dir", Path.Combine(dir, "data")], environment);
        try
        {
            await start.WaitForLineAsync("cluster up after");
            await start.WaitForHealthyAsync();
            Assert.That(await start.TryGetStatusAsync("/api/cluster"), Is.EqualTo(HttpStatusCode.OK), "the master takes the token start reported");
            using var worker = new HttpClient();
            Assert.That((await worker.GetAsync(new Uri($"http://127.0.0.1:{port + 1}/healthz"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var children = PidPattern().Matches(start.Output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.That(children, Has.Count.EqualTo(2), start.Output);
            Assert.That(File.Exists(Path.Combine(dir, "data", "master.log")), Is.True);

            start.Terminate();

            Assert.That(await start.WaitForExitAsync(), Is.EqualTo(0), start.Output);
            Assert.That(children.Where(pid => Directory.Exists($"/proc/{pid}")), Is.Empty, "every child stopped");
            Assert.That(start.Output, Does.Contain("stopping 2 node(s)"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"^  (?:master|worker1) +http://\S+ +pid (\d+)", RegexOptions.Multiline)]
    private static partial Regex PidPattern();
}
