using DistSys.Plugins.Sdk.Protocol;

namespace DistSys.Plugins.Sdk.Internal;

/// <summary>
/// Tells the node the process is alive, on its own thread so that a long request does not look like a
/// dead process (the node's per-request deadline catches a hung request instead).
/// </summary>
internal sealed class Heartbeater : IDisposable
{
    private readonly ResponseWriter _output;
    private readonly TimeSpan _interval;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    public Heartbeater(ResponseWriter output, TimeSpan interval)
    {
        _output = output;
        _interval = interval;
        _thread = new Thread(Beat) { IsBackground = true, Name = "plugin heartbeat" };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Beat()
    {
        ulong sequence = 0;
        do
        {
            _output.TryWrite(PluginProtocol.Heartbeat(++sequence));
        }
        while (!_stop.Wait(_interval));
    }
}
