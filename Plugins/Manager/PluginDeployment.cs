using DistSys.Plugins.Ipc;
using DistSys.Runtime;
using DistSys.Supervision;
using Microsoft.Extensions.Logging;

namespace DistSys.Plugins.Manager;

/// <summary>
/// One deployed version of a plugin: its supervisor (a child of the plugin manager's supervisor) keeps
/// one instance running; callers find the current instance here. Retiring it lets the requests already
/// in flight finish while no new one enters.
/// </summary>
internal sealed class PluginDeployment(PluginSpec spec, string childId, ILogger logger)
{
    private readonly Lock _gate = new();
    private PluginConnection? _connection;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _retiring;
    private int _starts;

    public PluginSpec Spec { get; } = spec;

    /// <summary>The id of its supervisor under the plugin manager's supervisor.</summary>
    public string ChildId { get; } = childId;

    public InstanceStats Stats { get; } = new();

    /// <summary>Where its instances' stderr goes.</summary>
    public ILogger Logger { get; } = logger;

    public PluginConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>Instances started after the first.</summary>
    public int Restarts => Math.Max(0, Volatile.Read(ref _starts) - 1);

    /// <summary>Why the last instance start failed, or why the supervisor gave up.</summary>
    public string? LastError { get; set; }

    /// <summary>True once its supervisor exited (gave up, or was stopped).</summary>
    public bool IsDown { get; private set; }

    public ChildSpec ToChildSpec() =>
        ChildSpec.ForSupervisor(ChildId, new SupervisorSpec
        {
            Intensity = Spec.RestartIntensity,
            Period = Spec.RestartPeriod,
            Children = [ChildSpec.Worker("instance", () => new PluginInstanceProcess(this))],
        }) with { Restart = RestartType.Temporary };

    /// <summary>Counts a caller in; false once retiring (the caller then reads the route again).</summary>
    public bool TryEnter()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _retiring) == 0)
        {
            return true;
        }

        Leave();
        return false;
    }

    public void Leave()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _retiring) != 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Stops admitting callers and completes once the ones inside have left.</summary>
    public Task RetireAsync()
    {
        Interlocked.Exchange(ref _retiring, 1);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }

    /// <summary>The running instance; waits (up to <paramref name="timeout"/>) while one is being (re)started.</summary>
    public ValueTask<PluginConnection> WaitForInstanceAsync(TimeSpan timeout) =>
        Volatile.Read(ref _connection) is { Failure: null } running ? new(running) : new(WaitForNextInstanceAsync(timeout));

    private async Task<PluginConnection> WaitForNextInstanceAsync(TimeSpan timeout)
    {
        // Only the slow path pays for a timer.
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_connection is { Failure: null } running)
                {
                    return running;
                }

                if (IsDown)
                {
                    throw new PluginException(PluginError.Unavailable, $"plugin {Spec} is down: {LastError ?? "its supervisor stopped"}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new PluginException(PluginError.Unavailable, $"plugin {Spec} has had no running instance for {timeout.TotalSeconds:F0} s: {LastError ?? "starting"}");
            }
        }
    }

    public void Install(PluginConnection connection)
    {
        Interlocked.Increment(ref _starts);
        Signal(() => _connection = connection);
    }

    public void Uninstall(PluginConnection connection) => Signal(() =>
    {
        if (_connection == connection)
        {
            _connection = null;
        }
    });

    public void MarkDown(ExitReason reason) => Signal(() =>
    {
        IsDown = true;
        LastError ??= $"its supervisor exited ({reason})";
    });

    private void Signal(Action change)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            change();
            previous = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}
