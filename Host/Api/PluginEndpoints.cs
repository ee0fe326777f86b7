using System.Text.Json;
using DistSys.Host.Plugins;
using DistSys.Plugins;
using DistSys.Plugins.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistSys.Host.Api;

/// <summary>
/// <c>/api/plugins</c>: list, deploy (hot swap), rollback and stop the plugins of this node, through its
/// <see cref="PluginService"/> (503 <c>not_ready</c> until the node has started the plugin manager). On the
/// master, a deploy, rollback or stop that succeeded locally is then run on every worker that is up, and
/// the answer lists the outcome per node (<c>nodes</c>); a worker's failure does not change the status code.
/// </summary>
internal static class PluginEndpoints
{
    private const int MaxDeployBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapPluginEndpoints(this IEndpointRouteBuilder app, PluginService service)
    {
        var plugins = app.MapGroup("/api/plugins");
        plugins.MapGet("/", () => WithManager(service, manager => Task.FromResult(List(manager))));
        plugins.MapPost("/", (HttpRequest request) => WithManager(service, manager => DeployAsync(request.HttpContext, manager, service)));
        plugins.MapPost("/{name}/rollback", (string name) => WithManager(service, manager => RunAsync(service, () => manager.RollbackAsync(name), new PluginCommand(PluginCommandKind.Rollback, name))));
        plugins.MapDelete("/{name}", (string name) => WithManager(service, manager => StopAsync(manager, service, name)));
        return app;
    }

    private static Task<IResult> WithManager(PluginService service, Func<PluginManager, Task<IResult>> handle) =>
        service.Manager is { } manager
            ? handle(manager)
            : Task.FromResult(ApiResults.Status(StatusCodes.Status503ServiceUnavailable, "not_ready", "the node has not started its plugin manager yet"));

    private static IResult List(PluginManager manager) =>
        Results.Json(new PluginList([.. manager.List().Select(PluginView.Of)]), PluginJsonContext.Default.PluginList);

    private static async Task<IResult> DeployAsync(HttpContext http, PluginManager manager, PluginService service)
    {
        // A deploy request is three short strings: the shared reader bounds and parses the body.
        var (document, error) = await JsonBodyReader.ReadObjectAsync(http.Request, MaxDeployBodyBytes).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        PluginDeployRequest? request;
        using (document)
        {
            try
            {
                request = document!.RootElement.Deserialize(PluginJsonContext.Default.PluginDeployRequest);
            }
            catch (System.Text.Json.JsonException ex)
            {
                return ApiResults.BadRequest("invalid_json", ex.Message);
            }
        }

        if (request is not { Name: { Length: > 0 } name, Version: { Length: > 0 } version, Path: { Length: > 0 } path })
        {
            return ApiResults.BadRequest("invalid_request", "name, version and path are required");
        }

        if (!System.IO.Path.IsPathFullyQualified(path) || !File.Exists(path))
        {
            return ApiResults.BadRequest("invalid_path", $"'{path}' is not an absolute path to a file on this node");
        }

        return await RunAsync(service, () => manager.DeployAsync(new PluginSpec(name, version, path)), new PluginCommand(PluginCommandKind.Deploy, name, version, path));
    }

    private static async Task<IResult> StopAsync(PluginManager manager, PluginService service, string name)
    {
        if (!await manager.StopAsync(name))
        {
            return ApiResults.NotFound("not_deployed", $"no plugin '{name}' is deployed");
        }

        service.Stopped(name);
        var nodes = await OnWorkersAsync(service, new PluginNodeOutcome(LocalName(service), true), new PluginCommand(PluginCommandKind.Stop, name));
        return nodes is null ? Results.NoContent() : Results.Json(new PluginNodeOutcomes(nodes), PluginJsonContext.Default.PluginNodeOutcomes);
    }

    private static async Task<IResult> RunAsync(PluginService service, Func<Task<PluginInfo>> local, PluginCommand command)
    {
        try
        {
            var active = await local();
            service.Activated(active);
            var nodes = await OnWorkersAsync(service, new PluginNodeOutcome(LocalName(service), true, Version: active.Version), command);
            return Results.Json(PluginView.Of(active) with { Nodes = nodes }, PluginJsonContext.Default.PluginView);
        }
        catch (ArgumentException invalid)
        {
            return ApiResults.BadRequest("invalid_request", invalid.Message);
        }
        catch (PluginException failed)
        {
            return failed.Error switch
            {
                PluginError.NotDeployed => ApiResults.NotFound("not_deployed", failed.Message),
                PluginError.NoPreviousVersion => ApiResults.Status(StatusCodes.Status409Conflict, "no_previous_version", failed.Message),
                _ => ApiResults.Status(StatusCodes.Status422UnprocessableEntity, "start_failed", failed.Message),
            };
        }
    }

    /// <summary>On the master: this node's outcome followed by every worker's; null on a node without cluster control or a worker.</summary>
    private static async Task<IReadOnlyList<PluginNodeOutcome>?> OnWorkersAsync(PluginService service, PluginNodeOutcome local, PluginCommand command)
    {
        if (service.Control is not { IsMaster: true } control)
        {
            return null;
        }

        return [local, .. await control.RunOnWorkersAsync(command)];
    }

    private static string LocalName(PluginService service) => service.Control?.NodeName ?? string.Empty;
}
