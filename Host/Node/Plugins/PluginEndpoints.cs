using System.Text.Json;
using DistSys.Plugins;
using DistSys.Plugins.Cluster;
using DistSys.Plugins.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using DistSys.Host.Api;
using DistSys.Host.Api.Security;

namespace DistSys.Host.Plugins;

/// <summary>
/// <c>/api/plugins</c>: list, deploy (hot swap), rollback and stop the plugins of this node, through its
/// <see cref="PluginService"/> (503 <c>not_ready</c> until the node has started the plugin manager). On the
/// master, a deploy, rollback or stop that succeeded locally is then run on every worker that is up, and
/// the answer lists the outcome per node (<c>nodes</c>); a worker's failure does not change the status code.
/// </summary>
internal static class PluginEndpoints
{
    private const int MaxDeployBodyBytes = 16 * 1024;
    private const string Upload = "application/octet-stream";
    private const string NotDeployed = "not_deployed: no plugin of this name is deployed";
    private const string StartFailed = "start_failed: the plugin did not start or failed its health check; the old version still serves";

    public static IEndpointRouteBuilder MapPluginEndpoints(this IEndpointRouteBuilder app, PluginService service)
    {
        var plugins = app.MapGroup("/api/plugins").WithTags("Plugins")
            .Fails(StatusCodes.Status503ServiceUnavailable, "not_ready: the node has not started its plugin manager yet");
        plugins.MapGet("", () => WithManager(service, manager => Task.FromResult(List(manager))))
            .Describe("listPlugins", "The plugins deployed on this node").Answers<PluginList>();
        plugins.MapPost("", (HttpRequest request) => WithManager(service, manager => DeployAsync(request.HttpContext, manager, service)))
            .AddsWork()
            .Accepts<PluginDeployRequest>("application/json", Upload)
            .Describe("deployPlugin", "Deploy (or hot-swap to) a plugin version: an uploaded package, or a program in the plugin directory")
            .Query("name", JsonSchemaType.String, "upload only: the plugin's name, [A-Za-z0-9._-]{1,64}")
            .Query("version", JsonSchemaType.String, "upload only: its version, [A-Za-z0-9._-]{1,64}")
            .Query("entry", JsonSchemaType.String, "upload only: the program at the top of the package (a .dll is run by dotnet)")
            .AddOpenApiOperationTransformer(DescribeUploadAsync)
            .Answers<PluginView>()
            .Fails(StatusCodes.Status400BadRequest, $"invalid_json, invalid_request, invalid_path, invalid_artifact or body_too_large (JSON over {MaxDeployBodyBytes} bytes)")
            .Fails(StatusCodes.Status413PayloadTooLarge, $"body_too_large: an upload over {PluginStore.MaxArtifactBytes} bytes")
            .Fails(StatusCodes.Status422UnprocessableEntity, StartFailed);
        plugins.MapPost("/{name}/rollback", (string name) => WithManager(service, manager => RunAsync(service, () => manager.RollbackAsync(name), new PluginCommand(PluginCommandKind.Rollback, name))))
            .Describe("rollbackPlugin", "Go back to the version deployed before the active one").Answers<PluginView>()
            .Fails(StatusCodes.Status400BadRequest, "invalid_request").Fails(StatusCodes.Status404NotFound, NotDeployed)
            .Fails(StatusCodes.Status409Conflict, "no_previous_version: there is no version to go back to")
            .Fails(StatusCodes.Status422UnprocessableEntity, StartFailed);
        plugins.MapDelete("/{name}", (string name) => WithManager(service, manager => StopAsync(manager, service, name)))
            .Describe("stopPlugin", "Stop a plugin: 204, or on the master 200 with the outcome on every node")
            .Produces(StatusCodes.Status204NoContent).Answers<PluginNodeOutcomes>().Fails(StatusCodes.Status404NotFound, NotDeployed);
        return app;
    }

    // The upload's body is the package itself: the generator gave it the JSON form's schema.
    private static Task DescribeUploadAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody?.Content?.TryGetValue(Upload, out var upload) == true)
        {
            upload.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "binary",
                Description = $"the plugin's package: a zip of its files, at most {PluginStore.MaxArtifactBytes} bytes",
            };
        }

        return Task.CompletedTask;
    }

    private static Task<IResult> WithManager(PluginService service, Func<PluginManager, Task<IResult>> handle) =>
        service.Manager is { } manager
            ? handle(manager)
            : Task.FromResult(ApiResults.Status(StatusCodes.Status503ServiceUnavailable, "not_ready", "the node has not started its plugin manager yet"));

    private static IResult List(PluginManager manager) =>
        Results.Json(new PluginList([.. manager.List().Select(PluginView.Of)]), PluginJsonContext.Default.PluginList);

    /// <summary>
    /// A deploy: an <c>application/octet-stream</c> body is an uploaded package (<c>?name=&amp;version=&amp;entry=</c>,
    /// at most <see cref="PluginStore.MaxArtifactBytes"/>, 413 beyond); otherwise a JSON
    /// <c>{"name","version","path"}</c> whose path names a program inside the plugin directory. Either way the
    /// node stores the package content-addressed and runs it from the store.
    /// </summary>
    private static async Task<IResult> DeployAsync(HttpContext http, PluginManager manager, PluginService service)
    {
        var store = service.Store!;
        string name, version, entry;
        PluginArtifact artifact;
        try
        {
            if (IsUpload(http.Request))
            {
                var query = http.Request.Query;
                (name, version, entry) = (query["name"].ToString(), query["version"].ToString(), query["entry"].ToString());
                if (name.Length == 0 || version.Length == 0 || entry.Length == 0)
                {
                    return ApiResults.BadRequest("invalid_request", "an upload needs the query parameters name, version and entry");
                }

                PluginStore.CheckNames(name, version);

                var (package, tooLarge) = await ReadPackageAsync(http);
                if (tooLarge is not null)
                {
                    return tooLarge;
                }

                artifact = store.Add(package);
            }
            else
            {
                var (request, error) = await ReadJsonRequestAsync(http.Request);
                if (error is not null)
                {
                    return error;
                }

                (name, version) = (request!.Name!, request.Version!);
                PluginStore.CheckNames(name, version);
                string program;
                try
                {
                    program = service.Directory!.Resolve(request.Path!);
                }
                catch (PluginException outside) when (outside.Error == PluginError.InvalidArtifact)
                {
                    return ApiResults.BadRequest("invalid_path", outside.Message);
                }

                var (package, packed) = PluginPackage.Pack(program);
                (artifact, entry) = (store.Add(package), packed);
            }
        }
        catch (ArgumentException invalid)
        {
            return ApiResults.BadRequest("invalid_request", invalid.Message);
        }
        catch (PluginException invalid) when (invalid.Error == PluginError.InvalidArtifact)
        {
            return ApiResults.BadRequest("invalid_artifact", invalid.Message);
        }

        var command = new PluginCommand(PluginCommandKind.Deploy, name, version, artifact.Sha256, entry);
        return await RunAsync(service, () => manager.DeployAsync(store.Spec(name, version, artifact, entry)), command);
    }

    private static bool IsUpload(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(Upload, StringComparison.OrdinalIgnoreCase);

    private static async Task<(PluginDeployRequest? Request, IResult? Error)> ReadJsonRequestAsync(HttpRequest http)
    {
        // A deploy by path is three short strings: the shared reader bounds and parses the body.
        var (document, error) = await JsonBodyReader.ReadObjectAsync(http, MaxDeployBodyBytes).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
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
                return (null, ApiResults.BadRequest("invalid_json", ex.Message));
            }
        }

        return request is { Name.Length: > 0, Version.Length: > 0, Path.Length: > 0 }
            ? (request, null)
            : (null, ApiResults.BadRequest("invalid_request", "name, version and path are required"));
    }

    /// <summary>The uploaded package, counted as it arrives: a declared or actual length over the cap is 413.</summary>
    private static async Task<(byte[] Package, IResult? TooLarge)> ReadPackageAsync(HttpContext http)
    {
        var tooLarge = ApiResults.Status(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"a plugin package is at most {PluginStore.MaxArtifactBytes} bytes");
        if (http.Request.ContentLength > PluginStore.MaxArtifactBytes)
        {
            return ([], tooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = PluginStore.MaxArtifactBytes + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > PluginStore.MaxArtifactBytes)
            {
                return ([], tooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
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

    /// <summary>
    /// Records the command in the node's deploy history (kept across a restart); on the master runs it on the workers
    /// and answers this node's outcome followed by every worker's; null on a node without cluster control or a worker.
    /// </summary>
    private static async Task<IReadOnlyList<PluginNodeOutcome>?> OnWorkersAsync(PluginService service, PluginNodeOutcome local, PluginCommand command)
    {
        if (service.Control is not { } control)
        {
            return null;
        }

        var workers = await control.RunOnWorkersAsync(command);
        return control.IsMaster ? [local, .. workers] : null;
    }

    private static string LocalName(PluginService service) => service.Control?.NodeName ?? string.Empty;
}
