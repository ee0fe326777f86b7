using System.Text;
using Microsoft.Extensions.Logging;
using DistSys.Plugins.Sdk.Protocol;
using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;

namespace DistSys.Plugins.Ipc;

/// <summary>Starting an instance: channel, sandboxed process, hello, health check; anything else is a start failure.</summary>
internal sealed partial class PluginConnection
{
    /// <summary>
    /// Starts an instance and returns it once it announced the deployed name and version and passed its
    /// health check. <paramref name="onDied"/> runs once if it later dies on its own.
    /// </summary>
    /// <exception cref="PluginException">It did not start, announce itself or pass the health check in time.</exception>
    public static async Task<PluginConnection> StartAsync(PluginSpec spec, InstanceStats stats, ILogger logger, Action<string> onDied)
    {
        // One private directory per instance (0700): the plugin's home, bound read-write into its
        // sandbox, and beside it the channel (ring link and doorbell FIFOs), of which the sandbox sees only the FIFOs.
        var instanceDirectory = Path.Combine(spec.WorkRoot ?? Path.GetTempPath(), "distsys-plugins", $"{spec.Name}-{spec.Version}-{Guid.NewGuid():N}");
        SharedMemoryChannel channel;
        try
        {
            Store.PrivateFiles.CreateDirectory(instanceDirectory);
            Store.PrivateFiles.CreateDirectory(Path.Combine(instanceDirectory, "home"));
            channel = SharedMemoryChannel.Create(Path.Combine(instanceDirectory, "ring"), spec.RingCapacity);
        }
        catch
        {
            Directory.Delete(instanceDirectory, recursive: true);
            throw;
        }

        var connection = new PluginConnection(spec, channel, instanceDirectory, stats, logger, onDied);
        try
        {
            await connection.StartProcessAsync().ConfigureAwait(false);
            return connection;
        }
        catch (Exception error)
        {
            var reason = connection.Failure ?? error.Message;
            connection.Dispose();
            throw error is PluginException { Error: PluginError.StartFailed } ? error : new PluginException(PluginError.StartFailed, $"plugin {spec} did not start: {reason}", error);
        }
    }

    private async Task StartProcessAsync()
    {
        _process.ErrorDataReceived += (_, line) => _stderr.Add(line.Data);
        _process.OutputDataReceived += (_, _) => { };
        _process.Exited += (_, _) => Fail(DescribeExit());
        Sandbox.SandboxLauncher.Start(_process, _spec, _channel, Path.Combine(_workingDirectory, "home"));
        ProcessId = _process.Id;
        _process.StandardInput.Close();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        _reader.Start();
        var limits = _spec.Limits;
        var hello = await _hello.Task.WaitAsync(limits.StartTimeout).ConfigureAwait(false);
        if (hello.Name != _spec.Name || hello.Version != _spec.Version)
        {
            throw new PluginException(PluginError.StartFailed, $"plugin {_spec} announced itself as {hello.Name}@{hello.Version}");
        }

        ProcessId = Sandbox.SandboxLauncher.PluginProcessId(_process.Id);

        Volatile.Write(ref _lastHeartbeat, System.Diagnostics.Stopwatch.GetTimestamp());
        var tick = TimeSpan.FromTicks(Math.Clamp(Math.Min(limits.HeartbeatTimeout.Ticks, limits.RequestTimeout.Ticks) / 4, TimeSpan.TicksPerMillisecond * 5, TimeSpan.TicksPerMillisecond * 250));
        _watchdog = new Timer(static state => ((PluginConnection)state!).Watch(), this, tick, tick);
        try
        {
            await InvokeAsync(PluginProtocol.HealthTarget, ReadOnlyMemory<byte>.Empty, FrameFlags.Raw, response: null).AsTask().WaitAsync(limits.StartTimeout).ConfigureAwait(false);
        }
        catch (PluginException failed) when (failed.Error == PluginError.OperationFailed)
        {
            throw new PluginException(PluginError.StartFailed, $"plugin {_spec} failed its health check: {failed.Message}");
        }
    }

    private string DescribeExit()
    {
        int code;
        try
        {
            // Waits for the end of stderr too, so the tail quotes the last words.
            _process.WaitForExit();
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return "exited";
        }

        // .NET (and bubblewrap for its child) report death by signal N as 128 + N. The plugin's stderr
        // went to the node's log; the reason, which reaches HTTP answers, never quotes it.
        var how = code > 128 && code < 160 ? $"was killed by signal {code - 128}" : $"exited with code {code}";
        return _hello.Task.IsCompletedSuccessfully ? how : $"{how} before its hello";
    }

    private static string DecodeReason(ReadOnlySpan<byte> payload)
    {
        const int MaxReasonBytes = 1024;
        return Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, MaxReasonBytes)]);
    }
}
