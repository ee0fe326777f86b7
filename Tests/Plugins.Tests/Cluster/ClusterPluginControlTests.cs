using DistSys.Plugins.Cluster;
using DistSys.Plugins.Store;
using DistSys.Plugins.Tests.Support;
using DistSys.Runtime.Distribution;

namespace DistSys.Plugins.Tests.Cluster;

/// <summary>The master fans plugin commands out to its workers (<see cref="PluginClusterFixture"/>).</summary>
public sealed class ClusterPluginControlTests : PluginClusterFixture
{
    [Test]
    public async Task RunOnWorkersAsync_DeployRollbackStop_ReportsEachWorkersOutcome()
    {
        var (master, _, worker, workerManager) = await StartClusterAsync();
        var deploy = DeployCommand(master, "1");

        var deployed = await Eventually.Within(master.Control.RunOnWorkersAsync(deploy));
        Assert.That(deployed, Is.EqualTo(new[] { new PluginNodeOutcome("worker1", true, Version: "1") }));
        Assert.That((await workerManager.InvokeAsync("echo", "echo", new byte[] { 9 })).Body, Is.EqualTo(new byte[] { 9 }), "the worker serves it");

        var rollback = await Eventually.Within(master.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Rollback, "echo")));
        Assert.That(rollback.Single() is { Node: "worker1", Ok: false, Error: "no_previous_version" }, Is.True, rollback.Single().ToString());

        var stopped = await Eventually.Within(master.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Stop, "echo")));
        Assert.That(stopped, Is.EqualTo(new[] { new PluginNodeOutcome("worker1", true) }));
        Assert.That(workerManager.List(), Is.Empty);
        Assert.That(await worker.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Stop, "echo")), Is.Empty, "only the master fans out");
    }

    [Test]
    public async Task RunOnWorkersAsync_WorkerWithoutThePackage_ReceivesItsBytesVerifiesAndRunsItFromItsStore()
    {
        var (master, _, worker, workerManager) = await StartClusterAsync();
        var deploy = DeployCommand(master, "1");
        Assert.That(worker.Store.TryGet(deploy.Sha256!, out _), Is.False, "the worker has no copy before the deploy");

        var outcome = (await Eventually.Within(master.Control.RunOnWorkersAsync(deploy))).Single();

        Assert.That(outcome.Ok, Is.True, outcome.ToString());
        Assert.That(worker.Store.TryGet(deploy.Sha256!, out var received), Is.True, "stored by its sha256");
        Assert.That(PluginStore.Sha256Of(worker.Store.Read(received)), Is.EqualTo(deploy.Sha256));
        Assert.That(workerManager.List().Single().ProcessId, Is.Positive);
        Assert.That(File.ReadAllText($"/proc/{workerManager.List().Single().ProcessId}/cmdline"), Does.Contain("/plugin/"), "run from the package bound into its sandbox");
    }

    [Test]
    public async Task RunOnWorkersAsync_PackageUnknownEverywhere_ReportsArtifactMissing()
    {
        var (master, _, _, workerManager) = await StartClusterAsync();

        var outcome = (await Eventually.Within(master.Control.RunOnWorkersAsync(new PluginCommand(PluginCommandKind.Deploy, "echo", "1", new string('a', 64), "x.dll")))).Single();

        Assert.That(outcome is { Node: "worker1", Ok: false, Error: "artifact_missing" }, Is.True, outcome.ToString());
        Assert.That(workerManager.List(), Is.Empty);
    }

    [Test]
    public async Task ArtifactChunk_BytesNotMatchingTheirSha256_RefusedAndNotStored()
    {
        var (master, _, worker, _) = await StartClusterAsync();
        var server = (await master.Node.WhereisGlobalAsync(ClusterPluginControl.ServerName("worker1")))!.Value;
        var sha = PluginStore.Sha256Of("other bytes"u8);

        var outcome = await master.Node.Runtime.CallAsync<PluginNodeOutcome>(server, new PluginArtifactChunk(sha, 4, 0, "PK\u0003\u0004"u8.ToArray()), Eventually.Liveness);

        Assert.That(outcome is { Ok: false, Error: "invalid_artifact" }, Is.True, outcome.ToString());
        Assert.That(worker.Store.TryGet(sha, out _), Is.False);
    }

    [Test]
    public async Task WorkerJoiningAfterADeploy_ReceivesTheActiveVersion()
    {
        var masterNode = await StartNodeAsync("master", NodeRole.Master, masterPort: 0);
        var master = await StartControlAsync(masterNode);
        var deploy = DeployCommand(master, "1");
        await master.Manager.DeployAsync(master.Store.Spec("echo", "1", Artifact(master, deploy), deploy.Entry!));
        Assert.That(await master.Control.RunOnWorkersAsync(deploy), Is.Empty, "no worker yet");

        var workerNode = await StartNodeAsync("worker1", NodeRole.Worker, masterNode.Port);
        await Eventually.Within(workerNode.JoinAsync(CancellationToken.None));
        var worker = await StartControlAsync(workerNode);

        await Eventually.True(() => worker.Manager.List() is [{ Name: "echo", Version: "1" }], "the late worker runs the deployed plugin");
        Assert.That((await worker.Manager.InvokeAsync("echo", "echo", new byte[] { 7 })).Body, Is.EqualTo(new byte[] { 7 }));
    }
}
