using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DistSys.Host.Api.Security;
using DistSys.Host.Hosting;
using DistSys.Host.Hosting.Settings;
using DistSys.Runtime.Distribution;
using DistSys.Transport.Handshake;
using DistSys.Transport.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using DistSys.Host;

namespace DistSys.Node.Tests.Hosting;

/// <summary>
/// The node's real web app in this process: Kestrel on one loopback port serving HTTP and, through the
/// sniffing connection middleware, the cluster protocol; a second node joins through that port.
/// </summary>
public sealed class NodeWebAppTests
{
    private static readonly ClusterCookie Cookie = ClusterCookie.FromText("web-app-tests");
    private static readonly ApiToken Token = ApiToken.FromText("web-app-tests-api-token", "the tests");
    private static readonly TimeSpan SniffTimeout = TimeSpan.FromMilliseconds(200);

    private readonly List<ClusterNode> _nodes = [];
    private HttpClient _http = null!;
    private NodeContext _context = null!;
    private WebApplication _app = null!;
    private int _port;

    [SetUp]
    public async Task SetUp()
    {
        _port = FreePort.Next();
        var master = await StartNodeAsync(new ClusterNodeOptions { Name = "master", Role = NodeRole.Master, Port = _port, Cookie = Cookie });
        var settings = new NodeSettings(NodeRole.Master, "master", new Endpoint("127.0.0.1", _port), null)
        {
            Cookie = Cookie,
            ApiToken = Token,
            DataDirectory = Path.GetTempPath(),
            InputDirectory = Path.GetTempPath(),
        };
        _context = new NodeContext(master, settings, NullLoggerFactory.Instance);
        _context.Freeze();
        _app = NodeHost.BuildWebApp(_context, SniffTimeout);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "web-app-tests-api-token");
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        // Nodes first: their cluster connections are what Kestrel's middleware holds open.
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Healthz_UntilReady_Is503ThenReady()
    {
        using var starting = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.That(starting.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await starting.Content.ReadAsStringAsync(), Does.Contain("\"error\":\"not_ready\""));

        _context.Status = NodeStatus.Ready;

        Assert.That(await _http.GetStringAsync(new Uri("/healthz", UriKind.Relative)), Is.EqualTo("""{"status":"ready","node":"master"}"""));
    }

    [Test]
    public async Task OnePort_WorkerJoinsThroughIt_AndHttpShowsTheMember()
    {
        var worker = await StartNodeAsync(WorkerOptions("worker1", Cookie));

        await Eventually.Within(worker.JoinAsync(CancellationToken.None));

        using var view = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/cluster", UriKind.Relative)));
        var members = view.RootElement.GetProperty("members").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(view.RootElement.GetProperty("up").GetInt32(), Is.EqualTo(2));
            Assert.That(members.Select(m => m.GetProperty("name").GetString()), Is.EqualTo(new[] { "master", "worker1" }));
            Assert.That(members[0].GetProperty("self").GetBoolean(), Is.True);
            Assert.That(members[1].GetProperty("role").GetString(), Is.EqualTo("worker"));
        });
    }

    [Test]
    public async Task OnePort_WrongCookie_JoinRefusedAndHttpStillServed()
    {
        var intruder = await StartNodeAsync(WorkerOptions("intruder", ClusterCookie.FromText("another-cluster")));

        var refused = Assert.ThrowsAsync<ClusterJoinException>(() => Eventually.Within(intruder.JoinAsync(CancellationToken.None)));

        Assert.That(refused!.Outcome, Is.EqualTo(HandshakeOutcome.RefusedAuth));
        Assert.That(_context.Cluster.Members.Select(m => m.Name), Is.EqualTo(new[] { "master" }));
        using var status = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
        Assert.That(status.RootElement.GetProperty("members_up").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task SilentConnection_SaysNothing_IsClosedAfterTheSniffTimeout()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _port);

        Assert.That(await Eventually.Within(IsClosedByPeerAsync(socket)), Is.True, "the node closed the silent connection");
    }

    // Closed either way: an orderly FIN reads as 0 bytes, an abort as a reset.
    private static async Task<bool> IsClosedByPeerAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[1], SocketFlags.None) == 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    private ClusterNodeOptions WorkerOptions(string name, ClusterCookie cookie) => new()
    {
        Name = name,
        Role = NodeRole.Worker,
        Cookie = cookie,
        ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        MasterHost = "127.0.0.1",
        MasterPort = _port,
    };

    private async Task<ClusterNode> StartNodeAsync(ClusterNodeOptions options)
    {
        var node = await ClusterNode.StartAsync(options);
        _nodes.Add(node);
        return node;
    }
}
