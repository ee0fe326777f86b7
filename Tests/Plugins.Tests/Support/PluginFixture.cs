using System.Diagnostics;
using DistSys.Runtime;

namespace DistSys.Plugins.Tests.Support;

/// <summary>
/// A fresh runtime and plugin manager per test, with its own work root. Teardown stops the manager and
/// then kills, by pid, every process still running in a directory under that root (every plugin
/// instance the test started runs in one), so no test leaves a process behind.
/// </summary>
public abstract class PluginFixture
{
    private protected ProcessRuntime Runtime { get; private set; } = null!;

    private protected PluginManager Manager { get; private set; } = null!;

    private protected string WorkRoot { get; private set; } = null!;

    [SetUp]
    public async Task StartManager()
    {
        WorkRoot = Path.Combine(Path.GetTempPath(), $"distsys-plugin-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(WorkRoot);
        Runtime = new ProcessRuntime();
        Manager = await PluginManager.StartAsync(Runtime);
    }

    [TearDown]
    public async Task StopManager()
    {
        try
        {
            await Manager.DisposeAsync().AsTask().WaitAsync(Eventually.Liveness);
        }
        finally
        {
            KillStrays();
            Runtime.Dispose();
            Directory.Delete(WorkRoot, recursive: true);
        }
    }

    /// <summary>The plugin processes (not their bubblewrap launchers) whose working directory lies under this test's work root.</summary>
    private protected IReadOnlyList<int> PluginProcesses() => [.. UnderWorkRoot().Where(pid => Command(pid) != "bwrap")];

    /// <summary>Every OS process whose working directory lies under this test's work root: plugins and their launchers.</summary>
    private IEnumerable<int> UnderWorkRoot() =>
        Directory.EnumerateDirectories("/proc")
            .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && WorkingDirectory(pid)?.StartsWith(WorkRoot, StringComparison.Ordinal) == true);

    private static string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void KillStrays()
    {
        foreach (var pid in UnderWorkRoot().ToList())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Exited meanwhile.
            }
        }
    }

    private static string? WorkingDirectory(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
