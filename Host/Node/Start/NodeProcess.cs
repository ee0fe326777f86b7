using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DistSys.Host.Start;

/// <summary>One node that `start` or the demo started: this same executable as its own OS process, its output in a log file.</summary>
internal sealed partial class NodeProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(string name, int port, string logPath, Process process, StreamWriter log)
    {
        Name = name;
        Port = port;
        LogPath = logPath;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public int Port { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes with the exit code when the process exits on its own or was stopped.</summary>
    public async Task<int> ExitedAsync(CancellationToken cancellation)
    {
        await _process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Starts a node with this process's environment changed by <paramref name="environment"/> (a null value removes the variable).</summary>
    public static NodeProcess Start(string name, int port, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, string logPath)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            // Run as `dotnet distributed_system.dll`: the children are started the same way.
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "distributed_system.dll"));
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeProcess(name, port, logPath, process, log);
    }

    /// <summary>kill -9, as a crash looks to the rest of the cluster.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM (the node leaves the cluster and exits), then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = SysKill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed, then reaped: once start has returned, none of its nodes is left.
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
        _log.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
