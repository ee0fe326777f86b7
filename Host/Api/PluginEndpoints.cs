using DistSys.Host.Plugins;
using DistSys.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistSys.Host.Api;

/// <summary>
/// <c>/api/plugins</c>: list, deploy (hot swap), rollback and stop the plugins of this node, through its
/// <see cref="PluginService"/> (503 <c>not_ready</c> until the node has started the plugin manager).
/// </summary>
internal static class PluginEndpoints
{
    public static IEndpointRouteBuilder MapPluginEndpoints(this IEndpointRouteBuilder app, PluginService service)
    {
        var plugins = app.MapGroup("/api/plugins");
        plugins.MapGet("/", () => WithManager(service, manager => Task.FromResult(List(manager))));
        plugins.MapPost("/", (HttpRequest request) => WithManager(service, manager => DeployAsync(request.HttpContext, manager, service)));
        plugins.MapPost("/{name}/rollback", (string name) => WithManager(service, manager => RunAsync(service, () => manager.RollbackAsync(name))));
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
        PluginDeployRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync(PluginJsonContext.Default.PluginDeployRequest, http.RequestAborted);
        }
        catch (System.Text.Json.JsonException error)
        {
            return ApiResults.BadRequest("invalid_json", error.Message);
        }

        if (request is not { Name: { Length: > 0 } name, Version: { Length: > 0 } version, Path: { Length: > 0 } path })
        {
            return ApiResults.BadRequest("invalid_request", "name, version and path are required");
        }

        if (!System.IO.Path.IsPathFullyQualified(path) || !File.Exists(path))
        {
            return ApiResults.BadRequest("invalid_path", $"'{path}' is not an absolute path to a file on this node");
        }

        return await RunAsync(service, () => manager.DeployAsync(new PluginSpec(name, version, path)));
    }

    private static async Task<IResult> StopAsync(PluginManager manager, PluginService service, string name)
    {
        if (!await manager.StopAsync(name))
        {
            return ApiResults.NotFound("not_deployed", $"no plugin '{name}' is deployed");
        }

        service.Stopped(name);
        return Results.NoContent();
    }

    private static async Task<IResult> RunAsync(PluginService service, Func<Task<PluginInfo>> command)
    {
        try
        {
            var active = await command();
            service.Activated(active);
            return Results.Json(PluginView.Of(active), PluginJsonContext.Default.PluginView);
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
}
