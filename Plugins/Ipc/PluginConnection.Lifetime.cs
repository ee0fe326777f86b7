using System.Diagnostics;
using DistSys.Plugins.Sdk.Protocol;

namespace DistSys.Plugins.Ipc;

/// <summary>The watchdog, the one failure path, and stopping.</summary>
internal sealed partial class PluginConnection
{
    private static readonly TimeSpan GracefulExit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Stops the instance: asks it to leave, kills it if it has not within a short grace, then frees the
    /// channel and its working directory. Requests still in flight fail. Idempotent.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            return;
        }

        if (Failure is null && ProcessId != 0 && Write(PluginProtocol.Leave(), []))
        {
            _process.WaitForExit(GracefulExit);
        }

        Fail("stopped");
        _watchdog?.Dispose();
        // With inline completions a caller's continuation may stop the instance from the reader thread itself.
        if (_reader.IsAlive && Thread.CurrentThread != _reader)
        {
            _reader.Join();
        }

        lock (_writeGate)
        {
            _channelClosed = true;
            _channel.Dispose();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A plugin may leave files the node cannot remove; the directory is unique, nothing reuses it.
        }
    }

    private void Watch()
    {
        var now = Stopwatch.GetTimestamp();
        var silent = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastHeartbeat), now);
        if (silent > _spec.Limits.HeartbeatTimeout)
        {
            Fail($"sent no heartbeat for {silent.TotalMilliseconds:F0} ms; killed by the watchdog");
            return;
        }

        foreach (var call in _pending.Slots)
        {
            if (call.Id is var id and not 0 && now > call.Deadline)
            {
                Fail($"did not answer request {id} within its {_spec.Limits.RequestTimeout.TotalMilliseconds:F0} ms deadline; killed by the watchdog");
                return;
            }
        }
    }

    /// <summary>The first reason wins: kill the process, fail every request in flight, report the death.</summary>
    private void Fail(string reason)
    {
        if (Interlocked.CompareExchange(ref _failure, reason, null) is not null)
        {
            return;
        }

        Kill();
        _hello.TrySetException(Died());
        foreach (var call in _pending.Slots)
        {
            if (call.TryClaim(call.Id))
            {
                Stats.Completed(call, failed: true);
                call.Fail(Died(), inline: false);
            }
        }

        if (Volatile.Read(ref _stopping) == 0)
        {
            _onDied(reason);
        }
    }

    private void Kill()
    {
        try
        {
            if (ProcessId != 0 && !_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }
}
