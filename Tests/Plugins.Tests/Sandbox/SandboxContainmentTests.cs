using System.Net;
using System.Net.Sockets;
using System.Text;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Plugins.Tests.Sandbox;

/// <summary>A hostile plugin's attempts on its node, each contained by the bubblewrap sandbox and reported back.</summary>
public sealed class SandboxContainmentTests : PluginFixture
{
    [Test]
    public async Task Probe_HostilePlugin_EveryAttemptOnTheNodeRefusedAndItRunsAsNobody()
    {
        var secret = Path.Combine(WorkRoot, "secret.cookie");
        await File.WriteAllTextAsync(secret, "the node's secret");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await Manager.DeployAsync(ExamplePlugins.HostileProbe(WorkRoot));

        var reply = await Manager.InvokeAsync("faulty", "probe", Encoding.UTF8.GetBytes($"{Environment.ProcessId} {port} {secret}"));
        var lines = Encoding.UTF8.GetString(reply.Body).Split('\n').ToDictionary(line => line[..line.IndexOf(':', StringComparison.Ordinal)], line => line);

        Assert.That(lines["uid"], Is.EqualTo("uid: 65534"), "an unprivileged uid inside, although the node is root");
        if (Environment.IsPrivilegedProcess)
        {
            // Seen from outside too: not uid 0 mapped to 65534 by its user namespace, but the kernel's uid 65534.
            var status = File.ReadAllLines($"/proc/{Manager.List().Single().ProcessId}/status");
            Assert.That(status.Single(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1..], Is.EqualTo((string[])["65534", "65534", "65534", "65534"]), "real, effective, saved and file-system uid outside");
            Assert.That(status.Single(line => line.StartsWith("Gid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1..], Is.EqualTo((string[])["65534", "65534", "65534", "65534"]), "gids outside");
            Assert.That(status.Single(line => line.StartsWith("Groups:", StringComparison.Ordinal))["Groups:".Length..].Trim(), Is.Empty, "no supplementary groups");
        }

        foreach (var attempt in (string[])["early_child", "node_proc", "secret_file", "cookie", "tcp", "child", "signal_node"])
        {
            Assert.That(lines[attempt], Does.StartWith($"{attempt}: refused"), attempt);
        }

        Assert.That(listener.Pending(), Is.False, "no connection reached the node's loopback listener");
    }

    [Test]
    public async Task DeployAsync_BubblewrapMissing_RefusedWithOneLineNamingTheOption()
    {
        var spec = ExamplePlugins.Echo(WorkRoot) with { Sandbox = new PluginSandbox { BwrapPath = Path.Combine(WorkRoot, "no-bwrap") } };

        var refused = Assert.ThrowsAsync<PluginException>(() => Manager.DeployAsync(spec));

        Assert.That(refused!.Error, Is.EqualTo(PluginError.StartFailed));
        Assert.That(refused.Message, Does.Contain("--unsafe-plugin-sandbox").And.Contain("bubblewrap not found").And.Not.Contain("\n"));
        Assert.That(Manager.List(), Is.Empty);
    }

    [Test]
    public async Task DeployAsync_BubblewrapMissingButUnsafeAllowed_RunsUnsandboxed()
    {
        var spec = ExamplePlugins.Echo(WorkRoot) with { Sandbox = new PluginSandbox { BwrapPath = Path.Combine(WorkRoot, "no-bwrap"), Unsafe = true } };

        await Manager.DeployAsync(spec);
        var reply = await Manager.InvokeAsync("echo", "echo", "hi"u8.ToArray());

        Assert.That(reply.Body, Is.EqualTo("hi"u8.ToArray()));
    }
}
