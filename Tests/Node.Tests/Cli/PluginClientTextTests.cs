using DistSys.Host;
using DistSys.Host.Cli;

namespace DistSys.Node.Tests.Cli;

/// <summary>The lines <c>plugin</c> prints for each answer a node gives (docs/api.md, "Plugins").</summary>
public sealed class PluginClientTextTests
{
    private const string Echo2 =
        """{"name":"echo","version":"2","previous_version":"1","state":"running","process_id":4242,"requests":10,"failures":1,"restarts":0,"mean_latency_ms":0.4,"max_latency_ms":1.25,"last_error":null""";

    private static readonly Endpoint Node = new("127.0.0.1", 8080);

    [Test]
    public void Lines_List_OneLinePerPlugin()
    {
        var body = $$"""{"plugins":[{{Echo2}}},{"name":"wordfreq","version":"1","previous_version":null,"state":"starting","process_id":0,"requests":0,"failures":0,"restarts":2,"mean_latency_ms":0,"max_latency_ms":0,"last_error":"exited with code 3"}]}""";

        Assert.That(PluginClient.Lines(new PluginClientCommand(Node, PluginAction.List), body).Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "echo 2: running, pid 4242, 10 requests, 1 failures, 0 restarts, mean 0.4 ms, max 1.25 ms, previous 1",
            "wordfreq 1: starting, pid 0, 0 requests, 0 failures, 2 restarts, mean 0 ms, max 0 ms; last error: exited with code 3",
        }));
    }

    [Test]
    public void Lines_ListOfNone_SaysSo()
    {
        Assert.That(PluginClient.Lines(new PluginClientCommand(Node, PluginAction.List), """{"plugins":[]}"""), Is.EqualTo("no plugins"));
    }

    [Test]
    public void Lines_DeployOnAMaster_ThePluginThenEachNodesOutcome()
    {
        var body = $$"""{{Echo2}},"nodes":[{"node":"master","ok":true,"version":"2"},{"node":"worker1","ok":false,"error":"invalid_path","detail":"no such file"}]}""";

        Assert.That(PluginClient.Lines(new PluginClientCommand(Node, PluginAction.Deploy, "echo", "2", "/p"), body).Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "deployed echo 2: running, pid 4242, 10 requests, 1 failures, 0 restarts, mean 0.4 ms, max 1.25 ms, previous 1",
            "  master: ok, version 2",
            "  worker1: failed: invalid_path no such file",
        }));
    }

    [Test]
    public void Lines_Rollback_ThePluginAfterIt()
    {
        Assert.That(PluginClient.Lines(new PluginClientCommand(Node, PluginAction.Rollback, "echo"), Echo2 + "}"), Does.StartWith("rolled back echo 2: running, pid 4242"));
    }

    [TestCase("", "stopped echo")]
    [TestCase("""{"nodes":[{"node":"master","ok":true},{"node":"worker1","ok":true}]}""", "stopped echo\n  master: ok\n  worker1: ok")]
    public void Lines_Stop_NamesThePluginThenAnyNodes(string body, string expected)
    {
        Assert.That(PluginClient.Lines(new PluginClientCommand(Node, PluginAction.Stop, "echo"), body), Is.EqualTo(expected.Replace("\n", Environment.NewLine, StringComparison.Ordinal)));
    }

    [TestCase("plugin list --json", true)]
    [TestCase("plugin --json 127.0.0.1:9000 stop echo", true)]
    [TestCase("plugin list", false)]
    public void Parse_Json_AnywhereOnTheLine(string line, bool json)
    {
        Assert.That(((PluginClientCommand)CommandLine.Parse(line.Split(' '))).Json, Is.EqualTo(json));
    }
}
