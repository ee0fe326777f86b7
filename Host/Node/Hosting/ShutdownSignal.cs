using System.Runtime.InteropServices;

namespace DistSys.Host.Hosting;

/// <summary>
/// SIGTERM, SIGINT (Ctrl-C) and SIGQUIT cancel <see cref="Token"/> instead of killing the process, so the
/// node can announce its departure and drain before it exits 0. Registered first thing in Main: a signal
/// during startup is a request to stop, not a crash.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly PosixSignalRegistration[] _registrations;
    private volatile string? _reason;

    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal),
        ];
    }

    public CancellationToken Token => _requested.Token;

    /// <summary>The signal that asked the node to stop, for the log line.</summary>
    public string Reason => _reason ?? "stop requested";

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _requested.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // A second signal while draining means "now": let the default action end the process.
        context.Cancel = !_requested.IsCancellationRequested;
        _reason ??= context.Signal.ToString();
        _requested.Cancel();
    }
}
