using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using DistSys.Plugins;
using DistSys.Runtime;

namespace DistSys.Bench.Plugins;

/// <summary>
/// The two peers of the plugin benchmarks, both separate OS processes running Plugins/Examples/Echo:
/// the echo plugin deployed by a plugin manager (the rings), and the same program serving the same
/// exchange over a Unix-domain socket (the baseline). Stopped, by pid, on dispose.
/// </summary>
internal sealed class PluginPeers : IAsyncDisposable
{
    private readonly ProcessRuntime _runtime = new();
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"distsys-bench-{Guid.NewGuid():N}.sock");
    private Process? _socketPeer;

    public PluginManager Manager { get; private set; } = null!;

    public Socket Socket { get; private set; } = null!;

    public static async Task<PluginPeers> StartAsync(bool inlineCompletions)
    {
        var peers = new PluginPeers();
        peers.Manager = await PluginManager.StartAsync(peers._runtime);
        // 4 MiB rings: sixteen 64 KiB round trips in flight fit without the writer waiting for space.
        await peers.Manager.DeployAsync(Spec("echo", "1", "Echo") with { RingCapacity = 4 << 20, InlineCompletions = inlineCompletions });
        await peers.ConnectSocketPeerAsync();
        return peers;
    }

    public static PluginSpec Spec(string name, string version, string project) =>
        new(name, version, Path.Combine(RepositoryRoot(), "Plugins", "Examples", project, "bin", "Release", "net10.0", $"DistSys.Plugins.Examples.{project}.dll"));

    /// <summary>Sends one length-prefixed message to the socket peer.</summary>
    public void SocketWrite(byte[] framed) => Socket.Send(framed);

    /// <summary>Receives exactly one echoed message (prefix included) into <paramref name="reply"/>.</summary>
    public void SocketRead(byte[] reply)
    {
        var received = 0;
        while (received < reply.Length)
        {
            received += Socket.Receive(reply.AsSpan(received));
        }
    }

    /// <summary>A message with its 4-byte length prefix, as the socket peer expects it.</summary>
    public static byte[] Framed(int size)
    {
        var framed = new byte[4 + size];
        BinaryPrimitives.WriteInt32LittleEndian(framed, size);
        return framed;
    }

    public async ValueTask DisposeAsync()
    {
        Socket.Dispose();
        if (_socketPeer is not null)
        {
            using var peer = Process.GetProcessById(_socketPeer.Id);
            await peer.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token).ContinueWith(_ => { }, TaskScheduler.Default);
            if (!peer.HasExited)
            {
                peer.Kill();
            }

            _socketPeer.Dispose();
        }

        await Manager.DisposeAsync();
        _runtime.Dispose();
        File.Delete(_socketPath);
    }

    private async Task ConnectSocketPeerAsync()
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        info.ArgumentList.Add(Spec("echo", "1", "Echo").Path);
        info.ArgumentList.Add("--uds");
        info.ArgumentList.Add(_socketPath);
        _socketPeer = Process.Start(info)!;
        Socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await Socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath));
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                // The peer has not bound its socket yet.
                await Task.Delay(10);
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DistSys.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
