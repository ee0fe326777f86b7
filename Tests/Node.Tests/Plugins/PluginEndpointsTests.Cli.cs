using System.Text.Json;
using DistSys.Host;
using DistSys.Host.Cli;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Node.Tests.Plugins;

/// <summary>What the `plugin` command prints against a real node: lines by default, the node's answer with --json, errors as before.</summary>
public sealed partial class PluginEndpointsTests
{
    [Test]
    public async Task PluginCommand_Output_LinesByDefaultTheRawAnswerWithJson()
    {
        await StartAsync();
        var node = $"127.0.0.1:{_http!.BaseAddress!.Port}";

        var deployed = Capture("plugin", node, "deploy", "echo", "1", ExamplePlugins.Echo(WorkRoot).Path);
        var listed = Capture("plugin", node, "list");
        var json = Capture("plugin", node, "list", "--json");
        var rollback = Capture("plugin", node, "rollback", "echo");
        var stopped = Capture("plugin", node, "stop", "echo");
        var stoppedAgain = Capture("plugin", node, "stop", "echo", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(deployed.ExitCode, Is.EqualTo(ExitCodes.Ok), deployed.StdErr);
            Assert.That(deployed.StdOut, Does.Match(@"^deployed echo 1: running, pid [1-9][0-9]*, 0 requests, 0 failures, 0 restarts, mean 0 ms, max 0 ms\r?\n$"));
            Assert.That(listed.ExitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(listed.StdOut, Does.Match(@"^echo 1: running, pid [1-9][0-9]*, \d+ requests, 0 failures, 0 restarts, mean [0-9.]+ ms, max [0-9.]+ ms\r?\n$"));
            Assert.That(json.ExitCode, Is.EqualTo(ExitCodes.Ok));
            Assert.That(Plugin(json.StdOut).GetProperty("name").GetString(), Is.EqualTo("echo"), "--json prints the node's answer");
            Assert.That(rollback.ExitCode, Is.EqualTo(ExitCodes.Failure), "nothing to roll back to");
            Assert.That(rollback.StdOut, Is.Empty);
            Assert.That(rollback.StdErr, Does.StartWith("distributed_system: 409 {").And.Contain("no_previous_version"), "errors as before");
            Assert.That(stopped, Is.EqualTo((ExitCodes.Ok, $"stopped echo{Environment.NewLine}", "")));
            Assert.That(stoppedAgain.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(stoppedAgain.StdErr, Does.StartWith("distributed_system: 404 {").And.Contain("not_deployed"));
        });
    }

    private static JsonElement Plugin(string listJson) => JsonDocument.Parse(listJson).RootElement.GetProperty("plugins")[0].Clone();

    private static (int ExitCode, string StdOut, string StdErr) Capture(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = PluginClient.Run((PluginClientCommand)CommandLine.Parse([.. args, "--token", Token]), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
