using System.Net;
using System.Text.Json;
using DistSys.Host.Plugins;
using DistSys.Plugins.Store;
using DistSys.Plugins.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistSys.Node.Tests.Plugins;

/// <summary>The master's <c>/api/plugins</c> over a two-node cluster: a deploy and a stop reach every node.</summary>
public sealed class PluginClusterEndpointsTests : PluginClusterFixture
{
    [Test]
    public async Task Endpoints_DeployAndStopOnTheMaster_RunOnEveryNodeAndListTheirOutcomes()
    {
        var (master, _, _, workerManager) = await StartClusterAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Disposables.Add(app);
        app.MapPluginEndpoints(new PluginService(null) { Manager = master.Manager, Control = master.Control, Store = master.Store, Directory = new PluginDirectory(Path.Combine(WorkRoot, "plugin-dir")) });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/") };
        var (package, entry) = PluginPackage.Pack(ExamplePlugins.Echo(WorkRoot).Path);

        using var content = new ByteArrayContent(package);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var deployed = await http.PostAsync($"api/plugins?name=echo&version=1&entry={entry}", content);
        var body = await deployed.Content.ReadAsStringAsync();

        Assert.That(deployed.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(Outcomes(body), Is.EqualTo(new[] { "master:True:1", "worker1:True:1" }), body);
        Assert.That(workerManager.List().Single().Version, Is.EqualTo("1"));

        using var stopped = await http.DeleteAsync("api/plugins/echo");
        body = await stopped.Content.ReadAsStringAsync();
        Assert.That(Outcomes(body), Is.EqualTo(new[] { "master:True:", "worker1:True:" }), body);
        Assert.That(workerManager.List(), Is.Empty);
        Assert.That(master.Manager.List(), Is.Empty);
    }

    private static string[] Outcomes(string body) =>
        [.. JsonDocument.Parse(body).RootElement.GetProperty("nodes").EnumerateArray().Select(node =>
            $"{node.GetProperty("node").GetString()}:{node.GetProperty("ok").GetBoolean()}:{(node.TryGetProperty("version", out var v) ? v.GetString() : null)}")];
}
