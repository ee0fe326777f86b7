using System.Diagnostics;
using System.Globalization;

namespace DistSys.Plugins.Sandbox;

/// <summary>
/// The bubblewrap part of a plugin's command line: new user, pid, network, mount, ipc, uts and cgroup
/// namespaces, uid/gid 65534 inside, no capabilities, no further user namespaces, a new session; a root
/// of its own that holds only read-only binds of /usr (and the /lib*, /bin links or directories), the
/// dotnet install and the plugin's package (at /plugin), a fresh /proc of its own pid namespace, a
/// minimal /dev, a private /tmp, its home directory (read-write) and the ring's four doorbell FIFOs; the
/// ring memory arrives as an inherited descriptor. The node's data dir, its home (cookie, token) and its
/// /proc entry are simply not there.
/// </summary>
internal static class BubblewrapArguments
{
    /// <summary>Where the plugin finds its package.</summary>
    public const string PackageInside = "/plugin";

    /// <summary>The channel path inside: a link to the inherited ring descriptor, the FIFOs beside it.</summary>
    public const string ChannelInside = "/run/distsys/ring";

    /// <summary>The doorbell FIFOs beside the ring (<c>SharedMemoryChannel</c> names them so).</summary>
    public static readonly string[] DoorbellSuffixes = [".ring0.data", ".ring0.space", ".ring1.data", ".ring1.space"];

    private const string NobodyId = "65534";

    private static readonly string[] RootEntries = ["/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin"];

    public static void Add(ProcessStartInfo info, PluginSpec spec, string home, string channelPath, InheritedDescriptors inherited, string? dotnetHost, string? staging)
    {
        var args = info.ArgumentList;
        args.Add(spec.Sandbox.BwrapPath);
        foreach (var flag in (string[])["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--as-pid-1", "--cap-drop", "ALL"])
        {
            args.Add(flag);
        }

        Pair(args, "--uid", NobodyId);
        Pair(args, "--gid", NobodyId);
        Pair(args, "--hostname", "plugin");
        ReadOnly(args, "/usr", "/usr");
        foreach (var entry in RootEntries)
        {
            if (new FileInfo(entry).LinkTarget is { } target)
            {
                Triple(args, "--symlink", target, entry);
            }
            else if (Directory.Exists(entry))
            {
                ReadOnly(args, entry, entry);
            }
        }

        if (File.Exists("/etc/ld.so.cache"))
        {
            ReadOnly(args, "/etc/ld.so.cache", "/etc/ld.so.cache");
        }

        if (dotnetHost is not null && Path.GetDirectoryName(dotnetHost) is { } dotnetRoot && !dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal))
        {
            ReadOnly(args, dotnetRoot, dotnetRoot);
        }

        // The package, the home and the FIFOs live in the node's 0700 directories; a bubblewrap running as
        // nobody (root node) takes them from the staging directory the outer, root bubblewrap bound them at.
        ReadOnly(args, staging is null ? PackageDirectory(spec) : Path.Combine(staging, "package"), PackageInside);
        Pair(args, "--proc", "/proc");
        Pair(args, "--dev", "/dev");
        Pair(args, "--tmpfs", "/tmp");
        Triple(args, "--bind", staging is null ? home : Path.Combine(staging, "home"), home);
        Pair(args, "--chdir", home);
        foreach (var suffix in DoorbellSuffixes)
        {
            Triple(args, "--bind", (staging is null ? channelPath : Path.Combine(staging, "ring")) + suffix, ChannelInside + suffix);
        }

        Triple(args, "--symlink", $"/proc/self/fd/{Fd(inherited.Ring)}", ChannelInside);
        Pair(args, "--seccomp", Fd(inherited.Seccomp));
        args.Add("--");
    }

    /// <summary>
    /// The outer bubblewrap of a root node: as root, with the host's file system, it binds the package, the
    /// home and the doorbell FIFOs from the node's 0700 directories at <see cref="Staging"/> (a tmpfs of its
    /// own mount namespace over /tmp, which no other process sees), where the inner bubblewrap, run as
    /// nobody, can reach them. It needs no namespace beyond the mount one: it only execs setpriv.
    /// </summary>
    public static void AddOuter(ProcessStartInfo info, PluginSpec spec, string home, string channelPath)
    {
        var args = info.ArgumentList;
        args.Add(spec.Sandbox.BwrapPath);
        args.Add("--die-with-parent");
        Triple(args, "--bind", "/", "/");
        // 0755 whatever the node's umask, so that nobody can reach the binds (and only them) below.
        Pair(args, "--perms", "0755");
        Pair(args, "--tmpfs", "/tmp");
        Pair(args, "--perms", "0755");
        Pair(args, "--dir", Staging);
        ReadOnly(args, PackageDirectory(spec), Path.Combine(Staging, "package"));
        Triple(args, "--bind", home, Path.Combine(Staging, "home"));
        foreach (var suffix in DoorbellSuffixes)
        {
            Triple(args, "--bind", channelPath + suffix, Path.Combine(Staging, "ring") + suffix);
        }

        args.Add("--");
    }

    /// <summary>Where the outer bubblewrap of a root node binds what the inner one takes from the node's private directories.</summary>
    public const string Staging = "/tmp/distsys-sandbox";

    /// <summary>The directory bound at /plugin: the one holding the plugin's entry file (its .dll's dependencies sit beside it).</summary>
    public static string PackageDirectory(PluginSpec spec) => Path.GetDirectoryName(Path.GetFullPath(spec.Path))!;

    private static string Fd(int descriptor) => descriptor.ToString(CultureInfo.InvariantCulture);

    private static void ReadOnly(System.Collections.ObjectModel.Collection<string> args, string source, string destination) => Triple(args, "--ro-bind", source, destination);

    private static void Pair(System.Collections.ObjectModel.Collection<string> args, string option, string value)
    {
        args.Add(option);
        args.Add(value);
    }

    private static void Triple(System.Collections.ObjectModel.Collection<string> args, string option, string first, string second)
    {
        args.Add(option);
        args.Add(first);
        args.Add(second);
    }
}
