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

    private const string NobodyId = "65534";

    private static readonly string[] RootEntries = ["/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin"];

    public static void Add(ProcessStartInfo info, PluginSpec spec, string home, string channelPath, InheritedDescriptors inherited, string? dotnetHost)
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

        ReadOnly(args, PackageDirectory(spec), PackageInside);
        Pair(args, "--proc", "/proc");
        Pair(args, "--dev", "/dev");
        Pair(args, "--tmpfs", "/tmp");
        Triple(args, "--bind", home, home);
        Pair(args, "--chdir", home);
        foreach (var suffix in (string[])[".ring0.data", ".ring0.space", ".ring1.data", ".ring1.space"])
        {
            Triple(args, "--bind", channelPath + suffix, ChannelInside + suffix);
        }

        Triple(args, "--symlink", string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{inherited.Ring}"), ChannelInside);
        Pair(args, "--seccomp", inherited.Seccomp.ToString(CultureInfo.InvariantCulture));
        args.Add("--");
    }

    /// <summary>The directory bound at /plugin: the one holding the plugin's entry file (its .dll's dependencies sit beside it).</summary>
    public static string PackageDirectory(PluginSpec spec) => Path.GetDirectoryName(Path.GetFullPath(spec.Path))!;

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
