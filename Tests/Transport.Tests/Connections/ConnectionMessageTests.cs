using DistSys.Transport.Connections;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using DistSys.Transport.Serialization;
using DistSys.Transport.Tests.Connections.Support;

namespace DistSys.Transport.Tests.Connections;

[TestFixture]
public sealed class ConnectionMessageTests : ConnectionFixture
{
    [Test]
    public async Task TrySend_SystemMessage_ArrivesAndDecodes()
    {
        var (client, server, sink) = await StartPairAsync();
        var hello = new Hello("node-x", 42, 7, Bytes32.Random());

        Assert.That(client.TrySend(new FrameHeader(FrameKind.Hello, FrameFlags.Raw, 0, 0, 9), hello), Is.EqualTo(SendResult.Queued));

        await Eventually.True(() => sink.Count == 1, "message received");
        var (header, payload) = sink.Frames.Single();
        var decoded = SystemMessage.Read<Hello>(new Frame(header, new(payload)), TransportLimits.Default);
        Assert.That((decoded.NodeName, decoded.Incarnation, decoded.Capabilities, decoded.Nonce), Is.EqualTo((hello.NodeName, 42UL, 7UL, hello.Nonce)));
        await CloseAsync(client, server);
    }

    [Test]
    public async Task TrySend_PayloadShorterThanDeclared_ThrowsAndLaterFramesStillFlow()
    {
        var (client, server, sink) = await StartPairAsync();

        Assert.Throws<InvalidOperationException>(() => client.TrySend(Header(0), new LyingPayload()));
        Assert.That(client.TrySend(Header(1), new byte[3]), Is.EqualTo(SendResult.Queued));

        await Eventually.True(() => sink.Count == 1, "the frame after the abandoned one arrives");
        Assert.That(sink.Frames.Single().Header.Correlation, Is.EqualTo(1));
        await CloseAsync(client, server);
    }

    private readonly struct LyingPayload : IFramePayload
    {
        public int PayloadLength => 10;

        public void WritePayload(ref WireWriter writer) => writer.WriteUInt32(1);
    }
}
