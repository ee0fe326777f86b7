using System.Diagnostics;
using System.Globalization;
using DistSys.Plugins.Sdk.Internal;
using DistSys.Plugins.Sdk.Protocol;
using DistSys.Transport.SharedMemory;

namespace DistSys.Plugins.Sandbox;

/// <summary>
/// Starts one plugin instance inside its sandbox, as
/// <c>prlimit --data --cpu --nofile --core [--nproc] -- [bwrap (outer) … -- setpriv --reuid=65534 --regid=65534 --clear-groups --] bwrap … --seccomp FD -- PLUGIN</c>. prlimit
/// (util-linux) calls setrlimit on itself and then execs bubblewrap, so the limits hold from the
/// plugin's first instruction with no window, and bubblewrap loads the node's no-child-process filter
/// right before it execs the plugin, so that holds from its first instruction too, whether the plugin
/// uses the SDK or not (see <see cref="BubblewrapArguments"/> for the namespaces and the file system).
/// On a root node setpriv (util-linux) makes the launcher nobody/nogroup with no supplementary groups
/// before it execs bubblewrap, so bubblewrap creates its user namespace as uid 65534 and the plugin's
/// uid 65534 inside is the kernel's uid 65534 outside, not root without capabilities. Nobody cannot
/// traverse the node's 0700 directories, so an outer bubblewrap, still root, first binds the package,
/// home and doorbells into a tmpfs of its private mount namespace (bubblewrap's <c>--bind-fd</c> would
/// not do: it resolves the descriptor's path again, as nobody). On a non-root node bubblewrap runs as
/// the node's user, as before.
/// Without bubblewrap, allowed only by <see cref="PluginSandbox.Unsafe"/>, the plugin runs under prlimit
/// alone and opens the ring through the node's <c>/proc</c> as before.
/// </summary>
internal static class SandboxLauncher
{
    private const string Prlimit = "/usr/bin/prlimit";
    private const string Setpriv = "/usr/bin/setpriv";

    // Inherited descriptors exist (without close-on-exec) only while one launch holds this gate.
    private static readonly Lock LaunchGate = new();
    private static readonly byte[] LauncherFilter = ChildProcessFilter.LauncherProgramBytes();

    /// <summary>Starts <paramref name="process"/> as the sandboxed instance of <paramref name="spec"/>.</summary>
    public static void Start(Process process, PluginSpec spec, SharedMemoryChannel channel, string home)
    {
        if (!File.Exists(Prlimit))
        {
            throw new PluginException(PluginError.StartFailed, $"{Prlimit} (util-linux) is required to sandbox plugin processes");
        }

        var sandboxed = spec.Sandbox.RequireBubblewrap();
        var dotnet = spec.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? DotnetHost() : null;
        var info = new ProcessStartInfo(Prlimit)
        {
            UseShellExecute = false,
            WorkingDirectory = home,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        var limits = spec.Limits;
        Add(info, "--data", limits.MemoryBytes);
        Add(info, "--cpu", limits.CpuSeconds);
        Add(info, "--nofile", limits.OpenFiles);
        Add(info, "--core", 0);
        if (limits.MaxUserProcesses is { } processes)
        {
            Add(info, "--nproc", processes);
        }

        info.ArgumentList.Add("--");
        if (!sandboxed)
        {
            AddProgram(info, spec, dotnet, Path.GetFullPath(spec.Path));
            SetEnvironment(info.Environment, spec, channel.Path, home);
            Started(process, info, spec);
            return;
        }

        var asNobody = SandboxLibc.GetEffectiveUid() == 0;
        if (asNobody)
        {
            AsNobody(info, spec, channel.Path, home);
        }

        lock (LaunchGate)
        {
            using var inherited = InheritedDescriptors.Open(channel.Path, LauncherFilter);
            var host = dotnet is null ? null : ResolvedHost(dotnet);
            BubblewrapArguments.Add(info, spec, home, channel.Path, inherited, host, asNobody ? BubblewrapArguments.Staging : null);
            AddProgram(info, spec, host, Path.Combine(BubblewrapArguments.PackageInside, Path.GetFileName(spec.Path)));
            SetEnvironment(info.Environment, spec, BubblewrapArguments.ChannelInside, home);
            Started(process, info, spec);
        }
    }

    /// <summary>
    /// The plugin's own pid: the launcher's pid is prlimit's, which became bubblewrap, whose child in the
    /// new pid namespace is the plugin. Signals, limits and statistics name the plugin, not bubblewrap.
    /// </summary>
    public static int PluginProcessId(int launcher)
    {
        var pid = launcher;
        for (var depth = 0; depth < 4; depth++)
        {
            string children;
            try
            {
                children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Trim();
            }
            catch (IOException)
            {
                return pid;
            }

            if (children.Length == 0 || !int.TryParse(children.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                return pid;
            }

            pid = child;
        }

        return pid;
    }

    /// <summary>
    /// Runs the sandbox's bubblewrap as nobody behind an outer, root bubblewrap that makes the package,
    /// home and doorbells reachable to it (<see cref="BubblewrapArguments.AddOuter"/>), and gives nobody
    /// the plugin's writable places (home, doorbells) inside the node's 0700 instance directory.
    /// </summary>
    private static void AsNobody(ProcessStartInfo info, PluginSpec spec, string channelPath, string home)
    {
        if (!File.Exists(Setpriv))
        {
            throw new PluginException(PluginError.StartFailed, $"{Setpriv} (util-linux) is required to run plugin processes as nobody on a root node");
        }

        foreach (var path in BubblewrapArguments.DoorbellSuffixes.Select(suffix => channelPath + suffix).Append(home))
        {
            if (SandboxLibc.Chown(path, SandboxLibc.Nobody, SandboxLibc.Nobody) != 0)
            {
                throw new PluginException(PluginError.StartFailed, $"sandbox: handing the plugin's home and doorbells to nobody failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
            }
        }

        BubblewrapArguments.AddOuter(info, spec, home, channelPath);
        var nobody = SandboxLibc.Nobody.ToString(CultureInfo.InvariantCulture);
        info.ArgumentList.Add(Setpriv);
        info.ArgumentList.Add($"--reuid={nobody}");
        info.ArgumentList.Add($"--regid={nobody}");
        info.ArgumentList.Add("--clear-groups");
        info.ArgumentList.Add("--");
    }

    private static void Started(Process process, ProcessStartInfo info, PluginSpec spec)
    {
        process.StartInfo = info;
        if (!process.Start())
        {
            throw new PluginException(PluginError.StartFailed, $"plugin {spec}: the process did not start");
        }
    }

    private static void AddProgram(ProcessStartInfo info, PluginSpec spec, string? dotnet, string program)
    {
        if (dotnet is not null)
        {
            info.ArgumentList.Add(dotnet);
        }

        info.ArgumentList.Add(program);
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
    }

    private static void SetEnvironment(IDictionary<string, string?> environment, PluginSpec spec, string channelPath, string home)
    {
        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        environment.Clear();
        environment["HOME"] = home;
        environment["TMPDIR"] = home;
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

    /// <summary>The host's real file (/usr/bin/dotnet is a link into the install), which the sandbox binds.</summary>
    private static string ResolvedHost(string host) =>
        new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(host);

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
