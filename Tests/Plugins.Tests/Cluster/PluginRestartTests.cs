using DistSys.Plugins.Cluster;
using DistSys.Plugins.Store;
using DistSys.Plugins.Tests.Support;
using DistSys.Runtime.Distribution;

namespace DistSys.Plugins.Tests.Cluster;

/// <summary>
/// A node that restarts on its store runs the plugins it ran before (the deploy ledger), from packages verified
/// against their sha256; what it reads back from disk is treated as hostile.
/// </summary>
public sealed class PluginRestartTests : PluginClusterFixture
{
    [Test]
    public async Task Restart_DeployedVersionsRunAgainWithTheirRollbackHistory()
    {
        var before = await StartControlAsync(await StartNodeAsync("master", NodeRole.Master, masterPort: 0));
        var v1 = await DeployAsync(before, "1");
        var v2 = await DeployAsync(before, "2");
        await StopAsync(before);

        var after = await StartControlAsync(await StartNodeAsync("master", NodeRole.Master, masterPort: 0));

        Assert.Multiple(() =>
        {
            Assert.That(after.Manager.List() is [{ Name: "wordfreq", Version: "2", PreviousVersion: "1", State: "running" }], Is.True, string.Join("; ", after.Control.Restored));
            Assert.That(after.Control.Restored, Is.EqualTo(new[] { "plugin wordfreq@2 restarted" }));
            Assert.That(after.Control.ActiveDeployments(), Is.EqualTo(new[] { v2 }), "a restarted master syncs its workers with what it runs");
        });
        Assert.That((await after.Manager.InvokeAsync("wordfreq", "count", "a A b"u8.ToArray())).Version, Is.EqualTo("2"));
        Assert.That((await after.Manager.RollbackAsync("wordfreq")).Version, Is.EqualTo("1"), "the history came back too");
        await after.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Rollback, "wordfreq"));
        Assert.That(after.Control.ActiveDeployments(), Is.EqualTo(new[] { v1 }));
    }

    [Test]
    public async Task Restart_StoredPackageTampered_NotRunAndForgotten()
    {
        var before = await StartControlAsync(await StartNodeAsync("master", NodeRole.Master, masterPort: 0));
        var deploy = await DeployAsync(before, "1");
        await StopAsync(before);
        var blob = Path.Combine(before.Store.Root, "sha256", deploy.Sha256 + ".zip");
        var bytes = File.ReadAllBytes(blob);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(blob, bytes);

        var after = await StartControlAsync(await StartNodeAsync("master", NodeRole.Master, masterPort: 0));

        Assert.Multiple(() =>
        {
            Assert.That(after.Manager.List(), Is.Empty, "a package whose bytes do not match its address never runs");
            Assert.That(after.Control.Restored.Single(), Does.Contain("not restarted").And.Contain("does not match its sha256"));
            Assert.That(after.Control.ActiveDeployments(), Is.Empty);
            Assert.That(File.ReadAllText(Path.Combine(after.Store.Root, "deployments.json")), Does.Not.Contain("wordfreq"), "forgotten, so the next start does not try again");
        });
    }

    [Test]
    public async Task Restart_UnpackedFilesChanged_RunsThePackageItVerifiedAgain()
    {
        var before = await StartControlAsync(await StartNodeAsync("master", NodeRole.Master, masterPort: 0));
        var deploy = await DeployAsync(before, "1");
        await StopAsync(before);
        var program = Path.Combine(before.Store.Root, "packages", deploy.Sha256!, deploy.Entry!);
        File.WriteAllText(program, "not the plugin");

        var after = await StartControlAsync(await StartNodeAsync("master", NodeRole.Master, masterPort: 0));

        Assert.That(after.Manager.List() is [{ Version: "1", State: "running" }], Is.True, "unpacked again from the verified package");
        Assert.That(File.ReadAllText(program), Is.Not.EqualTo("not the plugin"));
    }

    [TestCase("{\"plugins\": [{\"name\": \"../x\", \"history\": [{\"version\": \"1\", \"sha256\": \"" + "0000000000000000000000000000000000000000000000000000000000000000" + "\", \"entry\": \"a\"}]}]}", "ignored")]
    [TestCase("{\"plugins\": [{\"name\": \"x\", \"history\": [{\"version\": \"1\", \"sha256\": \"not-a-sha\", \"entry\": \"a\"}]}]}", "bad sha256")]
    [TestCase("not json at all", "not valid JSON")]
    [TestCase("{\"plugins\": 5}", "no \"plugins\" array")]
    public async Task Restart_HostileLedger_RefusedNamingWhyAndTheNodeStarts(string ledger, string why)
    {
        var node = await StartNodeAsync("master", NodeRole.Master, masterPort: 0);
        var root = Path.Combine(WorkRoot, "master", "plugin-store");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "deployments.json"), ledger);

        var control = await StartControlAsync(node);

        Assert.That(control.Manager.List(), Is.Empty);
        Assert.That(control.Control.Restored.Single(), Does.Contain(why));
    }

    [Test]
    public async Task Restart_LedgerLargerThanItsBound_IgnoredUnread()
    {
        var node = await StartNodeAsync("master", NodeRole.Master, masterPort: 0);
        var root = Path.Combine(WorkRoot, "master", "plugin-store");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "deployments.json"), new string(' ', DeploymentLedger.MaxFileBytes + 1));

        var control = await StartControlAsync(node);

        Assert.That(control.Control.Restored.Single(), Does.Contain($"larger than {DeploymentLedger.MaxFileBytes} bytes"));
    }

    /// <summary>Deploys wordfreq VERSION from the node's store and records it, as the REST endpoint does.</summary>
    private async Task<PluginCommand> DeployAsync(NodeControl node, string version)
    {
        var (package, entry) = PluginPackage.Pack(ExamplePlugins.WordFreq(version, WorkRoot).Path);
        var artifact = node.Store.Add(package);
        await node.Manager.DeployAsync(node.Store.Spec("wordfreq", version, artifact, entry));
        var command = new PluginCommand(PluginCommandKind.Deploy, "wordfreq", version, artifact.Sha256, entry);
        await node.Control.RunOnWorkersAsync(command);
        return command;
    }

    /// <summary>The node stops: its plugins, control and cluster node go (the store stays on disk).</summary>
    private static async Task StopAsync(NodeControl node)
    {
        node.Control.Dispose();
        await node.Manager.DisposeAsync();
        await node.Node.DisposeAsync();
    }
}
