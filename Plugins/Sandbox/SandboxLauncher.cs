using System.Diagnostics;
using System.Globalization;
using DistSys.Plugins.Sdk.Protocol;

namespace DistSys.Plugins.Sandbox;

/// <summary>
/// Builds the command that starts one plugin instance inside its sandbox. The process is started as
/// <c>prlimit --data --cpu --nofile --core [--nproc] -- PLUGIN</c>: prlimit (util-linux) calls setrlimit on
/// itself and then execs the plugin, so the limits hold from the plugin's first instruction with no
/// window (limiting the child's pid after it started would leave its runtime start-up unlimited). The
/// environment is cleared to a handful of variables and the working directory is the instance's own.
/// </summary>
internal static class SandboxLauncher
{
    private const string Prlimit = "/usr/bin/prlimit";

    public static ProcessStartInfo StartInfo(PluginSpec spec, string channelPath, string workingDirectory)
    {
        if (!File.Exists(Prlimit))
        {
            throw new PluginException(PluginError.StartFailed, $"{Prlimit} (util-linux) is required to sandbox plugin processes");
        }

        var limits = spec.Limits;
        var info = new ProcessStartInfo(Prlimit)
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        Add(info, "--data", limits.MemoryBytes);
        Add(info, "--cpu", limits.CpuSeconds);
        Add(info, "--nofile", limits.OpenFiles);
        Add(info, "--core", 0);
        if (limits.MaxUserProcesses is { } processes)
        {
            Add(info, "--nproc", processes);
        }

        info.ArgumentList.Add("--");
        if (spec.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(DotnetHost());
        }

        info.ArgumentList.Add(Path.GetFullPath(spec.Path));
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        SetEnvironment(info.Environment, spec, channelPath, workingDirectory);
        return info;
    }

    private static void SetEnvironment(IDictionary<string, string?> environment, PluginSpec spec, string channelPath, string workingDirectory)
    {
        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        environment.Clear();
        environment["HOME"] = workingDirectory;
        environment["TMPDIR"] = workingDirectory;
        environment[PluginProtocol.ChannelVariable] = channelPath;
        environment[PluginProtocol.HeartbeatVariable] = ((int)spec.Limits.HeartbeatInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        // The GC fails allocations with OutOfMemoryException a little before the kernel's RLIMIT_DATA
        // would fail them in native code; no diagnostics IPC socket is opened for the plugin.
        environment["DOTNET_GCHeapHardLimit"] = (spec.Limits.MemoryBytes * 3 / 4).ToString("X", CultureInfo.InvariantCulture);
        environment["DOTNET_gcServer"] = "0";
        environment["DOTNET_EnableDiagnostics"] = "0";
        if (!string.IsNullOrEmpty(dotnetRoot))
        {
            environment["DOTNET_ROOT"] = dotnetRoot;
        }
    }

    private static void Add(ProcessStartInfo info, string option, long value) =>
        info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"{option}={value}:{value}"));

    /// <summary>The dotnet host that runs the node (the test runner says where), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            return host;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "dotnet"))
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new PluginException(PluginError.StartFailed, "no dotnet host found to run a .dll plugin (set DOTNET_HOST_PATH)");
    }
}
