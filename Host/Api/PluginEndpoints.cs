using DistSys.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DistSys.Host.Api;

/// <summary>
/// <c>/api/plugins</c>: list, deploy (hot swap), rollback and stop the plugins of this node. The node
/// registers its <see cref="PluginManager"/> as a singleton service before mapping these.
/// </summary>
internal static class PluginEndpoints
{
    public static IEndpointRouteBuilder MapPluginEndpoints(this IEndpointRouteBuilder app)
    {
        var plugins = app.MapGroup("/api/plugins");
        plugins.MapGet("/", (HttpContext http) => List(Manager(http)));
        plugins.MapPost("/", (HttpRequest request) => DeployAsync(request.HttpContext));
        plugins.MapPost("/{name}/rollback", (HttpContext http, string name) => RollbackAsync(Manager(http), name));
        plugins.MapDelete("/{name}", (HttpContext http, string name) => StopAsync(Manager(http), name));
        return app;
    }

    private static PluginManager Manager(HttpContext http) => http.RequestServices.GetRequiredService<PluginManager>();

    private static IResult List(PluginManager manager) =>
        Results.Json(new PluginList([.. manager.List().Select(PluginView.Of)]), PluginJsonContext.Default.PluginList);

    private static async Task<IResult> DeployAsync(HttpContext http)
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

        return await RunAsync(async () => PluginView.Of(await Manager(http).DeployAsync(new PluginSpec(name, version, path))));
    }

    private static Task<IResult> RollbackAsync(PluginManager manager, string name) =>
        RunAsync(async () => PluginView.Of(await manager.RollbackAsync(name)));

    private static async Task<IResult> StopAsync(PluginManager manager, string name) =>
        await manager.StopAsync(name) ? Results.NoContent() : ApiResults.NotFound("not_deployed", $"no plugin '{name}' is deployed");

    private static async Task<IResult> RunAsync(Func<Task<PluginView>> command)
    {
        try
        {
            return Results.Json(await command(), PluginJsonContext.Default.PluginView);
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
