using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Tests.Connections.Support;

namespace DistSys.Transport.Tests.Connections;

/// <summary>
/// The send path's allocation budget, checked on every test run (the benchmark proves it process-wide):
/// queuing a frame allocates nothing on the sending thread.
/// </summary>
[TestFixture]
public sealed class ConnectionAllocationTests : ConnectionFixture
{
    private const int Sends = 10_000;

    [Test]
    public async Task TrySend_SteadyState_AllocatesUnderOneBytePerSend()
    {
        var (client, server, sink) = await StartPairAsync();
        var payload = new byte[32];
        var header = Header(0);
        var heartbeat = new FrameHeader(FrameKind.Heartbeat, FrameFlags.Raw, 0, 0, 0);
        SendAll(client, header, payload, heartbeat);
        await Eventually.True(() => sink.Count == Sends, "warm-up frames delivered");

        var before = GC.GetAllocatedBytesForCurrentThread();
        SendAll(client, header, payload, heartbeat);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Under one byte per send: any per-send allocation (24 B at least) fails this, while a one-off
        // runtime warm-up allocation (thread-pool or tiering bookkeeping, seen in the first rounds) does not.
        Assert.That(allocated, Is.LessThan(2 * Sends), $"{allocated} bytes allocated by {2 * Sends} sends");
        await Eventually.True(() => sink.Count == 2 * Sends, "frames delivered");
        await CloseAsync(client, server);
    }

    private static void SendAll(Connection connection, in FrameHeader header, byte[] payload, in FrameHeader heartbeat)
    {
        for (var i = 0; i < Sends; i++)
        {
            var spinner = default(SpinWait);
            while (connection.TrySend(header, payload) == SendResult.Full)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            // The self-encoding overload too (a heartbeat is consumed by the receiver, not counted).
            while (connection.TrySend(heartbeat, default(Heartbeat)) == SendResult.Full)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
    }
}
