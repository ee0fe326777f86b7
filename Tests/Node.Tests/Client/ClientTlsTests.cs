using System.Net;
using DistSys.Host.Cli;
using DistSys.Host.Client;
using DistSys.Transport.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using DistSys.Host;

namespace DistSys.Node.Tests.Client;

/// <summary>The client commands against a node serving HTTPS: only the cluster CA given by <c>--ca</c> is trusted.</summary>
public sealed class ClientTlsTests
{
    private ClusterCertificateAuthority _ca = null!;
    private WebApplication _app = null!;
    private Endpoint _node;

    [OneTimeSetUp]
    public async Task StartHttpsNode()
    {
        _ca = ClusterCertificateAuthority.Create("client-tls-tests", 1);
        var certificate = _ca.Issue("master", 1);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        _app = builder.Build();
        _app.MapGet("/healthz", () => Microsoft.AspNetCore.Http.Results.Text("ready"));
        await _app.StartAsync();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _node = new Endpoint("127.0.0.1", address.Port);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        _ca.Dispose();
    }

    [Test]
    public async Task Create_WithTheClusterCa_SpeaksHttpsToTheNode()
    {
        using var http = ApiHttp.Create(_node, null, TimeSpan.FromSeconds(30), [_ca.Certificate]);

        Assert.That(await http.GetStringAsync("healthz"), Is.EqualTo("ready"));
    }

    [Test]
    public void Create_WithAnotherCa_RefusesTheNode()
    {
        using var other = ClusterCertificateAuthority.Create("another-cluster", 1);
        using var http = ApiHttp.Create(_node, null, TimeSpan.FromSeconds(30), [other.Certificate]);

        Assert.That(async () => await http.GetStringAsync("healthz"), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public void Parse_Ca_ReachesTheCommand()
    {
        var command = (ClientCommand)CommandLine.Parse(["client", "127.0.0.1:8080", "--ca", "ca.pem", "list"]);

        Assert.That(command.Tokens, Is.EqualTo(new TokenArgs(null, null, "ca.pem")));
    }

    [Test]
    public void TryLoadAuthorities_FileWithoutPem_OneLine()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var stderr = new StringWriter();

            var loaded = ClientCredentials.TryLoadAuthorities(new TokenArgs(null, null, file), stderr, out _);

            Assert.That(loaded, Is.False);
            Assert.That(stderr.ToString().Trim(), Does.Contain("holds no PEM certificate").And.Not.Contain("\n"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
