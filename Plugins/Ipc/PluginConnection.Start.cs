using System.Text;
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
    public static async Task<PluginConnection> StartAsync(PluginSpec spec, InstanceStats stats, Action<string> onDied)
    {
        var workingDirectory = Path.Combine(spec.WorkRoot ?? Path.GetTempPath(), "distsys-plugins", $"{spec.Name}-{spec.Version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workingDirectory);
        var shm = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        SharedMemoryChannel channel;
        try
        {
            channel = SharedMemoryChannel.Create(Path.Combine(shm, $"distsys-plugin-{Guid.NewGuid():N}"), spec.RingCapacity);
        }
        catch
        {
            Directory.Delete(workingDirectory, recursive: true);
            throw;
        }

        var connection = new PluginConnection(spec, channel, workingDirectory, stats, onDied);
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
        if (!_process.Start())
        {
            throw new PluginException(PluginError.StartFailed, $"plugin {_spec}: the process did not start");
        }

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

        // .NET reports death by signal N as 128 + N.
        var how = code > 128 && code < 160 ? $"was killed by signal {code - 128}" : $"exited with code {code}";
        return $"{how}{_stderr}";
    }

    private static string DecodeReason(ReadOnlySpan<byte> payload)
    {
        const int MaxReasonBytes = 1024;
        return Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, MaxReasonBytes)]);
    }
}
