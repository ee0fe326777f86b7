using System.Net;
using System.Security.Cryptography.X509Certificates;
using DistSys.Transport.Connections;
using DistSys.Transport.Handshake;
using DistSys.Transport.Security;
using DistSys.Transport.Tests.Connections.Support;

namespace DistSys.Transport.Tests.Security;

[TestFixture]
public sealed class ClusterTlsTests : ConnectionFixture
{
    private static readonly ClusterCookie s_cookie = ClusterCookie.FromText("tls-cookie");
    private ClusterCertificateAuthority _ca = null!;
    private ClusterCertificateAuthority _otherCa = null!;

    [OneTimeSetUp]
    public void CreateAuthorities()
    {
        _ca = ClusterCertificateAuthority.Create("test-ca", 1);
        _otherCa = ClusterCertificateAuthority.Create("test-ca", 1);
    }

    [OneTimeTearDown]
    public void DisposeAuthorities()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Test]
    public async Task Connect_BothFromTheClusterCa_AuthenticatesAndCarriesFrames()
    {
        using var serverTls = TlsFor(_ca, "server");
        using var clientTls = TlsFor(_ca, "client");
        var sink = new RecordingHandler();
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), sink, Options(serverTls));
        var accepted = new TaskCompletionSource<Connection>(TaskCreationOptions.RunContinuationsAsynchronously);
        acceptor.Connected += c => accepted.TrySetResult(c);
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor).Start();

        var connector = new ClusterConnector(new HandshakeOptions("client", 2, s_cookie), new RecordingHandler(), Options(clientTls)) { MaxAttempts = 1 };
        var (result, client) = await Eventually.Within(connector.ConnectAsync(listener.EndPoint));

        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.Accepted));
        var server = await Eventually.Within(accepted.Task);
        await client!.SendAsync(Header(5), "over tls"u8.ToArray());
        await Eventually.True(() => sink.Count == 1, "frame delivered through TLS");
        Assert.That(sink.Frames.Single().Payload, Is.EqualTo("over tls"u8.ToArray()));
        await CloseAsync(client, server);
    }

    [Test]
    public async Task Connect_ClientFromAnotherCa_RefusedTls()
    {
        using var serverTls = TlsFor(_ca, "server");
        using var clientTls = TlsFor(_otherCa, "client");
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), new RecordingHandler(), Options(serverTls));
        var accepted = 0;
        acceptor.Connected += _ => Interlocked.Increment(ref accepted);
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor).Start();

        var connector = new ClusterConnector(new HandshakeOptions("client", 2, s_cookie), new RecordingHandler(), Options(clientTls)) { MaxAttempts = 1 };
        var (result, client) = await Eventually.Within(connector.ConnectAsync(listener.EndPoint));

        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.RefusedTls));
        Assert.That(client, Is.Null);
        Assert.That(Volatile.Read(ref accepted), Is.Zero);
    }

    [Test]
    public async Task Connect_ServerFromAnotherCaButClientTrustsOurs_RefusedTls()
    {
        // The client's certificate is ours, so only the server's certificate is wrong: the client refuses it.
        using var serverTls = new ClusterTls(_otherCa.Issue("server", 1), Authorities(_ca));
        using var clientTls = TlsFor(_ca, "client");
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), new RecordingHandler(), Options(serverTls));
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor).Start();

        var connector = new ClusterConnector(new HandshakeOptions("client", 2, s_cookie), new RecordingHandler(), Options(clientTls)) { MaxAttempts = 1 };
        var (result, _) = await Eventually.Within(connector.ConnectAsync(listener.EndPoint));

        Assert.That(result.Outcome, Is.EqualTo(HandshakeOutcome.RefusedTls));
    }

    [Test]
    public async Task Connect_PlaintextDialerAgainstTlsListener_NotAccepted()
    {
        using var serverTls = TlsFor(_ca, "server");
        var acceptor = new ClusterAcceptor(new HandshakeOptions("server", 1, s_cookie), new RecordingHandler(), Options(serverTls));
        var accepted = 0;
        acceptor.Connected += _ => Interlocked.Increment(ref accepted);
        await using var listener = new ClusterListener(new IPEndPoint(IPAddress.Loopback, 0), acceptor).Start();

        var connector = new ClusterConnector(new HandshakeOptions("client", 2, s_cookie), new RecordingHandler(), Options()) { MaxAttempts = 1 };
        var (result, client) = await Eventually.Within(connector.ConnectAsync(listener.EndPoint));

        Assert.That(result.IsAccepted, Is.False);
        Assert.That(client, Is.Null);
        Assert.That(Volatile.Read(ref accepted), Is.Zero);
    }

    [Test]
    public void IsTrusted_OnlyCertificatesOfTheConfiguredCa()
    {
        using var tls = TlsFor(_ca, "node");
        using var ours = _ca.Issue("peer", 1);
        using var theirs = _otherCa.Issue("peer", 1);

        Assert.That(tls.IsTrusted(ours), Is.True);
        Assert.That(tls.IsTrusted(theirs), Is.False);
        Assert.That(tls.IsTrusted(null), Is.False);
    }

    private static ClusterTls TlsFor(ClusterCertificateAuthority ca, string node) => new(ca.Issue(node, 1), Authorities(ca));

    private static X509Certificate2Collection Authorities(ClusterCertificateAuthority ca) =>
        [X509CertificateLoader.LoadCertificate(ca.Certificate.RawData)];

    private ConnectionOptions Options(ClusterTls tls) => new() { Pool = Pool, Tls = tls };
}
