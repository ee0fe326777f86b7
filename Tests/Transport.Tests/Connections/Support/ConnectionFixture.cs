using DistSys.Memory;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Tests.Connections.Support;

/// <summary>
/// What every connection test starts from: the Memory module's pool behind its leak detector (a lease
/// still out at teardown fails the test) and a started pair of connections over real sockets.
/// </summary>
public abstract class ConnectionFixture
{
    private protected DiagnosticMemoryPool Pool { get; private set; } = null!;

    [SetUp]
    public void CreatePool() => Pool = TestPools.Create();

    [TearDown]
    public Task AssertNoLeaksAsync() => TestPools.AssertNoLeaksAsync(Pool);

    internal static FrameHeader Header(ulong correlation) => new(FrameKind.Message, FrameFlags.Raw, 1, 2, correlation);

    private protected ConnectionOptions Options() => new() { Pool = Pool };

    private protected async Task<(Connection Client, Connection Server, RecordingHandler Sink)> StartPairAsync(ConnectionOptions? options = null)
    {
        options ??= Options();
        var (a, b) = await SocketPair.PipesAsync(options);
        var sink = new RecordingHandler();
        var client = new Connection(a, new RecordingHandler(), options);
        var server = new Connection(b, sink, options);
        client.Start();
        server.Start();
        return (client, server, sink);
    }

    private protected static async Task CloseAsync(Connection client, Connection server)
    {
        await client.DisposeAsync();
        await server.DisposeAsync();
        await Eventually.Within(Task.WhenAll(client.Closed, server.Closed));
    }
}
