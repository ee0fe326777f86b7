using System.Net;
using System.Net.Http.Headers;
using DistSys.Host.Api;
using DistSys.Host.Api.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DistSys.Node.Tests.Api.Support;

/// <summary>
/// The node's <see cref="ApiPipeline"/> in front of endpoints a test maps itself, on a real Kestrel at 127.0.0.1:0, with
/// the node's OpenAPI document of them (<see cref="ApiDocument"/>).
/// </summary>
internal sealed class PipelineApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PipelineApp(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = Eventually.Liveness };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiServer.TokenText);
    }

    /// <summary>Sends <see cref="ApiServer.TokenText"/> on every request.</summary>
    public HttpClient Client { get; }

    public static async Task<PipelineApp> StartAsync(ApiLimits limits, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore().AddApiPipeline(limits).AddApiDocument();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            ApiPipeline.ApplyLimits(kestrel.Limits, limits);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.UseApiPipeline(ApiServer.Token, limits);
        app.MapApiDocument();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PipelineApp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
