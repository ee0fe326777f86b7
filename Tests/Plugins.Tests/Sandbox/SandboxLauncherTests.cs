using System.Text;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Plugins.Tests.Sandbox;

/// <summary>What the kernel shows about a running instance: its limits, environment and working directory.</summary>
public sealed class SandboxLauncherTests : PluginFixture
{
    [Test]
    public async Task DeployAsync_ConfiguredLimits_AppliedToThePluginProcessWithAMinimalEnvironment()
    {
        var limits = PluginLimits.Default with { MemoryBytes = 300L << 20, CpuSeconds = 77, OpenFiles = 99 };
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot) with { Limits = limits });
        var pid = Manager.List().Single().ProcessId;

        var table = await File.ReadAllLinesAsync($"/proc/{pid}/limits");
        Assert.That(Limit(table, "Max data size"), Is.EqualTo((300L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(Limit(table, "Max cpu time"), Is.EqualTo("77"));
        Assert.That(Limit(table, "Max open files"), Is.EqualTo("99"));
        Assert.That(Limit(table, "Max core file size"), Is.EqualTo("0"));

        var environment = Encoding.UTF8.GetString(await File.ReadAllBytesAsync($"/proc/{pid}/environ"))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry[..entry.IndexOf('=', StringComparison.Ordinal)]);
        Assert.That(environment, Is.SubsetOf(new[]
        {
            "HOME", "TMPDIR", "DISTSYS_PLUGIN_CHANNEL", "DISTSYS_PLUGIN_HEARTBEAT_MS", "DOTNET_GCHeapHardLimit",
            "DOTNET_gcServer", "DOTNET_EnableDiagnostics", "DOTNET_ROOT", "PWD",
        }));

        var cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
        Assert.That(cwd, Does.StartWith(Path.Combine(WorkRoot, "distsys-plugins", "echo-1-")), "its own working directory");
    }

    [Test]
    public async Task StopAsync_Instance_WorkingDirectoryRemoved()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));
        var cwd = new DirectoryInfo($"/proc/{Manager.List().Single().ProcessId}/cwd").LinkTarget!;

        await Manager.StopAsync("echo");

        Assert.That(Directory.Exists(cwd), Is.False);
    }

    /// <summary>The soft limit column of one row of /proc/PID/limits.</summary>
    private static string Limit(string[] table, string name) =>
        table.Single(line => line.StartsWith(name, StringComparison.Ordinal))[26..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
