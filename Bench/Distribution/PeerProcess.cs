using System.Diagnostics;

namespace DistSys.Bench.Distribution;

/// <summary>
/// A worker node in its own OS process (Tests/Distribution.Peer), joined to this process's master.
/// Started by a benchmark's setup and killed by pid in its cleanup.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;

    private PeerProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>Starts the peer and waits until it printed READY (it has joined the master).</summary>
    public static PeerProcess Start(string name, int masterPort, string cookie)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { PeerDll(), name, "127.0.0.1", masterPort.ToString(System.Globalization.CultureInfo.InvariantCulture), cookie })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the distribution peer");
        var peer = new PeerProcess(process);
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || line.Result != "READY")
        {
            peer.Dispose();
            throw new InvalidOperationException($"the distribution peer did not become ready (said: {(line.IsCompleted ? line.Result : "nothing")})");
        }

        return peer;
    }

    /// <summary>SIGKILL: the kernel closes its sockets at once.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGSTOP: the process freezes with its sockets open, so only the heartbeat timeout can tell.</summary>
    public void Freeze()
    {
        const int sigstop = 19;
        if (Libc.Kill(_process.Id, sigstop) != 0)
        {
            throw new InvalidOperationException("kill(SIGSTOP) failed");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static string PeerDll()
    {
        // BenchmarkDotNet runs from a generated folder under Bench/bin: walk up to the repository.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DistSys.sln")))
        {
            directory = directory.Parent;
        }

        var dll = Path.Combine(directory?.FullName ?? ".", "Tests", "Distribution.Peer", "bin", "Release", "net10.0", "DistSys.Distribution.Peer.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build Tests/Distribution.Peer in Release first", dll);
    }
}
