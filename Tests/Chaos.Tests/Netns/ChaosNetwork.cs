using System.Diagnostics;

namespace DistSys.Chaos.Tests.Netns;

/// <summary>
/// A private network for one scenario, made of network namespaces this test creates and deletes: a bridge in a
/// namespace of its own, one namespace per node joined to it by a veth pair (10.99.0.N/24), and a control
/// namespace (10.99.0.254) where the test's HTTP sockets live. No interface or address is added outside these
/// namespaces, so nothing reaches the machine's network. Faults are injected with <c>ip link</c> and
/// <c>nftables</c> inside the nodes' namespaces.
/// </summary>
internal sealed class ChaosNetwork : IDisposable
{
    private const string Subnet = "10.99.0";
    private const string ControlAddress = $"{Subnet}.254";

    // Namespaces are named after this process's pid so a run can remove what a killed earlier run left.
    private static readonly string Prefix = $"dsc{Environment.ProcessId}-";
    private static int _runs;

    private readonly string _run;
    private readonly string _bridge;
    private readonly string _control;
    private readonly List<string> _namespaces = [];
    private readonly Dictionary<string, (string Namespace, string Address, int Index)> _nodes = [];

    private ChaosNetwork(string run)
    {
        _run = $"{Prefix}{run}-";
        _bridge = $"{_run}br";
        _control = $"{_run}ctl";
        Http = NetnsSocket.HttpClient(_control);
    }

    /// <summary>The client that reaches every node: its sockets are opened in the control namespace.</summary>
    public HttpClient Http { get; }

    public static ChaosNetwork Create()
    {
        RemoveLeftovers();
        var network = new ChaosNetwork($"{Interlocked.Increment(ref _runs)}");
        try
        {
            network.Add(network._bridge);
            Ip("-n", network._bridge, "link", "add", "br0", "type", "bridge");
            Ip("-n", network._bridge, "link", "set", "br0", "up");
            network.Attach(network._control, ControlAddress, 254);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>A namespace for node <paramref name="name"/>, on the bridge, with the next address.</summary>
    public NodeNetwork AddNode(string name)
    {
        var index = _nodes.Count + 1;
        var netns = _run + name;
        var address = $"{Subnet}.{index}";
        Attach(netns, address, index);
        _nodes[name] = (netns, address, index);
        return new NodeNetwork(netns, address, Http);
    }

    /// <summary>Cuts every packet between <paramref name="a"/> and <paramref name="b"/>, both directions, at both ends.</summary>
    public void Partition(string a, string b)
    {
        Drop(a, b);
        Drop(b, a);
    }

    /// <summary>Drops <paramref name="percent"/> % of the packets <paramref name="node"/> receives from the other nodes (not from the control namespace).</summary>
    public void InboundLoss(string node, int percent)
    {
        var (netns, _, _) = _nodes[node];
        Nft(netns, $"add table inet loss {{ chain input {{ type filter hook input priority 0; ip saddr != {ControlAddress} numgen random mod 100 < {percent} drop; }}; }}");
    }

    /// <summary>Takes <paramref name="node"/>'s link off the bridge (down) or puts it back (up): the cable pulled.</summary>
    public void Link(string node, bool up) => Ip("-n", _bridge, "link", "set", $"v{_nodes[node].Index}", up ? "up" : "down");

    /// <summary>Removes every nftables fault from every node.</summary>
    public void HealAll()
    {
        foreach (var (netns, _, _) in _nodes.Values)
        {
            Run("ip", "netns", "exec", netns, "nft", "flush", "ruleset");
        }

        foreach (var name in _nodes.Keys)
        {
            Link(name, up: true);
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        foreach (var netns in Enumerable.Reverse(_namespaces))
        {
            Run("ip", "netns", "delete", netns);
        }
    }

    private void Drop(string node, string peer)
    {
        var (netns, _, _) = _nodes[node];
        var (_, address, index) = _nodes[peer];
        Nft(netns, $"add table inet cut_{index} {{ chain input {{ type filter hook input priority 0; ip saddr {address} drop; }}; " +
            $"chain output {{ type filter hook output priority 0; ip daddr {address} drop; }}; }}");
    }

    private void Attach(string netns, string address, int index)
    {
        Add(netns);
        Ip("-n", _bridge, "link", "add", $"v{index}", "type", "veth", "peer", "name", "eth0", "netns", netns);
        Ip("-n", _bridge, "link", "set", $"v{index}", "master", "br0", "up");
        Ip("-n", netns, "addr", "add", $"{address}/24", "dev", "eth0");
        Ip("-n", netns, "link", "set", "eth0", "up");
    }

    private void Add(string netns)
    {
        Ip("netns", "add", netns);
        _namespaces.Add(netns);
        Ip("-n", netns, "link", "set", "lo", "up");
    }

    private static void Nft(string netns, string rules) => Run("ip", "netns", "exec", netns, "nft", rules);

    private static void Ip(params string[] args) => Run("ip", args);

    private static void RemoveLeftovers()
    {
        foreach (var file in Directory.Exists("/var/run/netns") ? Directory.GetFiles("/var/run/netns", "dsc*-*") : [])
        {
            var name = Path.GetFileName(file);
            if (int.TryParse(name[3..name.IndexOf('-', StringComparison.Ordinal)], out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                Run("ip", "netns", "delete", name);
            }
        }
    }

    /// <summary>Runs a system command to its end; throws with its output when it fails.</summary>
    public static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        // Both pipes drained at once: a command that fills one while the other is read would hang.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd() + output.Result;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Trim()}");
        }
    }
}
