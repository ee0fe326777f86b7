using DistSys.Transport.Connections;
using DistSys.Transport.Framing;

namespace DistSys.Bench.Transport;

/// <summary>Counts frames on the read loop and wakes the benchmark thread when a target count is reached.</summary>
internal sealed class LoopbackCounter : IFrameHandler
{
    private readonly ManualResetEventSlim _reached = new(false);
    private long _count;
    private long _target;

    public long Count => Volatile.Read(ref _count);

    public void OnFrame(in Frame frame, Connection connection)
    {
        if (++_count >= Volatile.Read(ref _target))
        {
            _reached.Set();
        }
    }

    public void OnClosed(Connection connection, CloseReason reason) => _reached.Set();

    /// <summary>Raises the count <see cref="Wait"/> waits for by <paramref name="more"/> frames.</summary>
    public void Expect(long more) => Volatile.Write(ref _target, _target + more);

    public void Wait()
    {
        while (Count < Volatile.Read(ref _target))
        {
            _reached.Wait();
            _reached.Reset();
        }
    }
}
