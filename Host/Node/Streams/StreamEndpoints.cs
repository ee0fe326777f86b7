using DistSys.Host.Api;
using DistSys.Host.Api.Security;
using DistSys.Streams;
using DistSys.Streams.Topology;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace DistSys.Host.Streams;

/// <summary>
/// The streaming endpoints on the master (docs/api.md, "Streams"): ingest into an http source, read a
/// collect sink by offset. Submit, status and stop are the job endpoints' (a topology is a job).
/// </summary>
internal static partial class StreamEndpoints
{
    public const int MaxIngestBytes = 8 << 20;
    public const int MaxLineBytes = 64 << 10;
    public const int MaxSinkPage = 10_000;
    public const int DefaultSinkPage = 1000;

    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder app, StreamMaster master)
    {
        var streams = app.MapGroup("/api/streams").WithTags("Streams");
        streams.MapPost("/{id}/sources/{node}", (string id, string node, HttpRequest request) => IngestAsync(id, node, request, master))
            .AddsWork()
            .Describe("ingestEvents", "Append NDJSON events to an http source; answered once they are durable in the master's source log")
            .Accepts<string>("application/x-ndjson").Answers<IngestView>(StatusCodes.Status202Accepted)
            .Fails(StatusCodes.Status400BadRequest, $"body_too_large (over {MaxIngestBytes} bytes), invalid_line (a line over {MaxLineBytes} bytes or not a JSON object; the detail names the line), not_http_source")
            .Fails(StatusCodes.Status404NotFound, "unknown_job, unknown_node")
            .Fails(StatusCodes.Status409Conflict, "not_running: the topology is stopping or has ended")
            .Fails(StatusCodes.Status429TooManyRequests, "log_full: the source log holds its capacity of unacknowledged events; retry after Retry-After seconds");
        streams.MapGet("/{id}/sinks/{node}", (string id, string node, HttpRequest request) => ReadSink(id, node, request, master))
            .Describe("readSink", "A collect sink's events from an offset, as NDJSON (X-Next-Offset: the offset to read next, X-First-Offset: the oldest kept); with Accept: application/json as one object")
            .Answers<SinkPageView>()
            .Query("from", JsonSchemaType.Integer, "the first offset to read, 0 or more (default 0; older than the oldest kept reads from there)")
            .Query("limit", JsonSchemaType.Integer, $"events to read, 1-{MaxSinkPage} (default {DefaultSinkPage})")
            .Fails(StatusCodes.Status400BadRequest, "invalid_field: from or limit out of range; not_collect_sink")
            .Fails(StatusCodes.Status404NotFound, "unknown_job, unknown_node");
        return app;
    }

    private static IResult ReadSink(string id, string node, HttpRequest request, StreamMaster master)
    {
        if (Find(id, node, master, out var error) is not { } spec)
        {
            return error!;
        }

        if (spec.Kind is not CollectSinkSpec)
        {
            return ApiResults.BadRequest("not_collect_sink", $"node '{node}' is not a collect sink; only collect sinks are read here");
        }

        if (!QueryInt.TryRead(request, "from", 0, 0, long.MaxValue / 2, out var from, out error)
            || !QueryInt.TryRead(request, "limit", DefaultSinkPage, 1, MaxSinkPage, out var limit, out error))
        {
            return error!;
        }

        return new SinkPageResult(master.Store.ReadCollected(id, node, from, (int)limit), WantsJson(request));
    }

    private static NodeSpec? Find(string id, string node, StreamMaster master, out IResult? error)
    {
        error = null;
        if (!master.Streams.TryGetValue(id, out var stream))
        {
            error = ApiResults.NotFound("unknown_job", $"no streaming job has the id '{Clip(id)}'");
            return null;
        }

        var spec = stream.Topology.Nodes.FirstOrDefault(n => n.Id == node);
        if (spec is null)
        {
            error = ApiResults.NotFound("unknown_node", $"job '{id}' has no node '{Clip(node)}'");
        }

        return spec;
    }

    // NDJSON unless the client asks for JSON and not NDJSON.
    private static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("application/x-ndjson", StringComparison.OrdinalIgnoreCase);
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
