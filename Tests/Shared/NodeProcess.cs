using System.Collections.Concurrent;
using System.Diagnostics;

namespace DistSys.Tests.Shared;

/// <summary>
/// One real node: <c>dotnet distributed_system.dll ARGS</c> started from the test's output directory as
/// its own OS process, its stdout and stderr captured line by line. Readiness is awaited by polling
/// <c>GET /healthz</c> or by waiting for a log line, never by sleeping; disposing kills it by pid
/// (SIGKILL) if it is still running, so a failing test leaves no node behind.
/// </summary>
internal sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(string name, int port, Process process, NodeNetwork? network)
    {
        Name = name;
        Port = port;
        _process = process;
        Network = network;
    }

    /// <summary>The network namespace and address the node runs in; null for the test's own loopback.</summary>
    public NodeNetwork? Network { get; }

    /// <summary>The name the test knows it by (the node's name for a node).</summary>
    public string Name { get; }

    /// <summary>The node's one port (HTTP and cluster), 0 for a command that does not listen.</summary>
    public int Port { get; }

    /// <summary>The API token the process was given (<c>DISTSYS_API_TOKEN</c>); the HTTP helpers send it.</summary>
    public string? ApiToken { get; private init; }

    /// <summary>The OS process id, kept after the process exited (for logs and teardown messages).</summary>
    public int Pid { get; private set; }

    /// <summary>Completes with the exit code when the process exits.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>The executable built beside the tests (every test project that references Host gets a copy).</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "distributed_system.dll");

    /// <summary>
    /// Starts the executable with <paramref name="args"/>; <paramref name="environment"/> adds or (null) removes variables.
    /// With a <paramref name="network"/> it runs inside that network namespace; a <paramref name="launcher"/> (a program
    /// and its arguments, e.g. <c>prlimit --nofile=400</c>) runs it. Both exec in place, so the pid is the node's.
    /// </summary>
    public static NodeProcess Start(string name, int port, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        NodeNetwork? network = null, IReadOnlyList<string>? launcher = null)
    {
        List<string> command = [.. launcher ?? [], .. network is null ? [] : new[] { "ip", "netns", "exec", network.Namespace }, "dotnet", Executable];
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var part in command.Skip(1))
        {
            info.ArgumentList.Add(part);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The test machine's own DISTSYS_* settings must not leak into a node under test.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("DISTSYS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(name, port, process, network) { ApiToken = environment?.GetValueOrDefault("DISTSYS_API_TOKEN") };
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Exited += (_, _) => node.OnExited();
        process.Start();
        node.Pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>True once a line containing <paramref name="text"/> was written.</summary>
    public bool HasLine(string text) => _lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits for a line containing <paramref name="text"/>; fails with the output if the process exits without it.</summary>
    public Task WaitForLineAsync(string text, TimeSpan? deadline = null) =>
        WaitUntilAsync(() => Task.FromResult(HasLine(text)), $"'{Name}' writes a line containing \"{text}\"", deadline);

    /// <summary>Waits for the exit code (the process was asked to stop, or is expected to fail).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? deadline = null)
    {
        try
        {
            return await _exited.Task.WaitAsync(deadline ?? Eventually.Liveness).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"'{Name}' did not exit in time. Output:\n{Output}");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            Kill();
            await _exited.Task.WaitAsync(Eventually.Liveness).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private void OnExited()
    {
        // Exited can fire before the last redirected lines arrived: wait for the streams to drain first.
        _process.WaitForExit();
        _exited.TrySetResult(_process.ExitCode);
    }
}
