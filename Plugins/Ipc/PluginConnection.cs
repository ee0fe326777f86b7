using System.Diagnostics;
using DistSys.Plugins.Sdk.Protocol;
using DistSys.Transport.SharedMemory;
using Microsoft.Extensions.Logging;

namespace DistSys.Plugins.Ipc;

/// <summary>
/// The node's side of one running plugin instance: its sandboxed OS process, the shared-memory channel
/// to it, the reader thread that matches responses to requests by id, and the watchdog. Any caller
/// thread may send; the first failure (exit, watchdog, garbage on the ring) kills the process, fails
/// every request in flight and is reported once through the death callback.
/// </summary>
internal sealed partial class PluginConnection : IDisposable
{
    private readonly PendingTable _pending = new();
    private readonly TaskCompletionSource<PluginHello> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _writeGate = new();
    private readonly PluginSpec _spec;
    private readonly SharedMemoryChannel _channel;
    private readonly string _workingDirectory;
    private readonly Action<string> _onDied;
    private readonly StderrLog _stderr;
    private readonly Process _process;
    private readonly Thread _reader;
    private readonly long _requestTimeoutTicks;
    private Timer? _watchdog;
    private long _lastHeartbeat = Stopwatch.GetTimestamp();
    private string? _failure;
    private int _stopping;
    private bool _channelClosed;

    private PluginConnection(PluginSpec spec, SharedMemoryChannel channel, string workingDirectory, InstanceStats stats, ILogger logger, Action<string> onDied)
    {
        _spec = spec;
        Stats = stats;
        _channel = channel;
        _workingDirectory = workingDirectory;
        _onDied = onDied;
        _stderr = new StderrLog(logger, spec.ToString());
        _requestTimeoutTicks = (long)(spec.Limits.RequestTimeout.TotalSeconds * Stopwatch.Frequency);
        _process = new Process { EnableRaisingEvents = true };
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = $"plugin {spec} reader" };
    }

    public PluginSpec Spec => _spec;

    /// <summary>The plugin's announcement (valid once started).</summary>
    public PluginHello Hello => _hello.Task.Result;

    /// <summary>The OS process id.</summary>
    public int ProcessId { get; private set; }

    /// <summary>Counters shared by every instance of one deployment, so restarts keep the history.</summary>
    public InstanceStats Stats { get; }

    /// <summary>Null while the instance runs; why it stopped afterwards.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    public int InFlight => _pending.Count;

    /// <summary>The index (target) and idempotency of an operation, or false if the plugin has none of that name.</summary>
    public bool TryFindOperation(string name, out ulong target, out bool idempotent)
    {
        var operations = Hello.Operations;
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i].Name == name)
            {
                target = (ulong)i + 1;
                idempotent = operations[i].Idempotent;
                return true;
            }
        }

        target = 0;
        idempotent = false;
        return false;
    }

    public override string ToString() => $"plugin {_spec} (pid {ProcessId})";
}
