using System.Collections.Concurrent;
using System.Diagnostics;
using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>
/// One node's processes: spawn, send, links, monitors, exit signals, names, timers, calls and
/// live upgrade. Thread-safe; every operation returns without waiting for the target.
/// </summary>
public sealed partial class ProcessRuntime : IDisposable
{
    private static int s_runtimes;

    private readonly ConcurrentDictionary<string, Pid> _names = new(StringComparer.Ordinal);
    private long _nextRef;
    private long _spawned;
    private long _exited;
    private long _dropped;
    private long _undeliverable;
    private long _handledByExited;
    private int _disposed;

    /// <summary>Creates a runtime with <paramref name="options"/> (defaults if null).</summary>
    public ProcessRuntime(ProcessRuntimeOptions? options = null)
    {
        options ??= new ProcessRuntimeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Throughput, 1, nameof(options.Throughput));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxProcesses, 1, nameof(options.MaxProcesses));
        ArgumentOutOfRangeException.ThrowIfNegative(options.SchedulerThreads, nameof(options.SchedulerThreads));
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        NodeId = options.NodeId;
        Incarnation = options.Incarnation != 0 ? options.Incarnation : FreshIncarnation();
        Throughput = options.Throughput;
        Time = options.TimeProvider;
        Table = new ProcessTable(options.MaxProcesses);
        Dispatcher = options.Scheduler == SchedulerKind.Dedicated
            ? new DedicatedDispatcher(options.SchedulerThreads > 0 ? options.SchedulerThreads : Environment.ProcessorCount)
            : new ThreadPoolDispatcher();
        RuntimeMetrics.Register(this);
    }

    /// <summary>This node's index.</summary>
    public int NodeId { get; }

    /// <summary>This node's incarnation; pids carrying another one are refused.</summary>
    public int Incarnation { get; }

    /// <summary>The clock and timer source (monotonic timestamps for supervisors' restart windows).</summary>
    public TimeProvider TimeProvider => Time;

    /// <summary>
    /// Where messages and signals for other nodes go; null until distribution is started. Internal: only
    /// the distribution layer (which owns the runtime it routes for) sets it, once, at its construction.
    /// </summary>
    internal IRemoteRouter? RemoteRouter { get; set; }

    internal ProcessTable Table { get; }

    internal Dispatcher Dispatcher { get; }

    internal int Throughput { get; }

    internal TimeProvider Time { get; }

    /// <summary>Kills every process and stops the scheduler threads (if dedicated).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var process in Table.Snapshot())
        {
            process.PostSignal(new ExitSignal(Pid.None, ExitReason.Kill, fromLink: false));
        }

        Dispatcher.Stop();
        RuntimeMetrics.Unregister(this);
    }

    internal MonitorRef NewMonitorRef() => new(Interlocked.Increment(ref _nextRef));

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void OnExited(long handled)
    {
        Interlocked.Increment(ref _exited);
        Interlocked.Add(ref _handledByExited, handled);
    }

    internal bool IsLocal(Pid pid) => pid.Node == NodeId && pid.Incarnation == Incarnation;

    private static int FreshIncarnation()
    {
        // Distinct across restarts (time) and across runtimes in one OS process (the counter); never 0.
        var value = (int)(Stopwatch.GetTimestamp() ^ ((long)Interlocked.Increment(ref s_runtimes) << 20));
        return value == 0 ? 1 : value;
    }
}
