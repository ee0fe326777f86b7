using System.Net;
using DistSys.Transport.Connections;
using DistSys.Transport.Handshake;
using DistSys.Transport.Security;
using DistSys.Transport.Tests.Connections.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistSys.Transport.Tests.Connections;

/// <summary>
/// Proves the documented Host wiring: Kestrel owns the one port; a connection middleware sniffs the
/// first bytes and hands cluster connections to Transport as an IDuplexPipe, HTTP goes on to Kestrel.
/// </summary>
[TestFixture]
public sealed class KestrelPortSharingTests
{
    private static readonly ClusterCookie s_cookie = ClusterCookie.FromText("kestrel-cookie");

    [Test]
    public async Task OnePort_HttpAndClusterProtocol_BothServed()
    {
        var pool = TestPools.Create();
        var sink = new RecordingHandler();
        var acceptor = new ClusterAcceptor(new HandshakeOptions("kestrel-node", 1, s_cookie), sink, new ConnectionOptions { Pool = pool });
        await using var app = BuildApp(acceptor);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        using var http = new HttpClient();
        Assert.That(await Eventually.Within(http.GetStringAsync(new Uri(address + "/ping"))), Is.EqualTo("pong"));

        var endPoint = IPEndPoint.Parse(new Uri(address).Authority);
        var connector = new ClusterConnector(new HandshakeOptions("client", 2, s_cookie), new RecordingHandler(), new ConnectionOptions { Pool = pool });
        var (result, client) = await Eventually.Within(connector.ConnectAsync(endPoint));
        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
        Assert.That(client!.Peer!.Name, Is.EqualTo("kestrel-node"));

        await client.SendAsync(ConnectionFixture.Header(1), "over kestrel"u8.ToArray());
        await Eventually.True(() => sink.Count == 1, "frame delivered through Kestrel's pipe");
        Assert.That(sink.Frames.Single().Payload, Is.EqualTo("over kestrel"u8.ToArray()));

        await client.DisposeAsync();
        Assert.That(await Eventually.Within(sink.Closed), Is.EqualTo(CloseReason.PeerClosed));
        await app.StopAsync();
        await TestPools.AssertNoLeaksAsync(pool);
    }

    private static WebApplication BuildApp(ClusterAcceptor acceptor)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => context => ServeAsync(context, next, acceptor))));
        var app = builder.Build();
        app.MapGet("/ping", () => "pong");
        return app;
    }

    // The middleware the Host will use: peek without consuming, then route.
    private static async Task ServeAsync(ConnectionContext context, ConnectionDelegate next, ClusterAcceptor acceptor)
    {
        var input = context.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(context.ConnectionClosed);
            var decision = ProtocolSniffer.Sniff(result.Buffer);
            if (decision == SniffResult.NeedMoreBytes && !result.IsCompleted)
            {
                input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                continue;
            }

            input.AdvanceTo(result.Buffer.Start);
            if (decision != SniffResult.Cluster)
            {
                await next(context);
                return;
            }

            var (_, connection) = await acceptor.AcceptAsync(context.Transport, context.RemoteEndPoint?.ToString(), context.ConnectionClosed);
            if (connection is not null)
            {
                await connection.Closed;
            }

            return;
        }
    }
}
