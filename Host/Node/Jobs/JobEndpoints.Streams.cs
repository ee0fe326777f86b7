using System.Text.Json;
using DistSys.Host.Api;
using DistSys.Host.Streams;
using DistSys.Runtime;
using DistSys.Streams;
using DistSys.Streams.Engine;
using DistSys.Streams.Topology;
using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Jobs;

/// <summary>A streaming job through the job endpoints: submit a topology, its status, stop it.</summary>
internal static partial class JobEndpoints
{
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(60);

    private static async Task<IResult> SubmitStreamAsync(string name, JsonElement? config, StreamMaster streams)
    {
        var (topology, error) = TopologyParser.Parse(config, streams.Options.ResolveInput,
            streams.Options.Plugins is { } plugins ? plugins.Refusal : static (_, _) => (false, "this node runs no plugins"));
        if (topology is null)
        {
            return JsonBodyReader.Invalid(error!.Field, error.Detail);
        }

        var json = config!.Value.GetRawText();
        var stream = await streams.CallAsync<StreamHandle>(new SubmitStream(name, topology, json)).ConfigureAwait(false);
        return Results.Json(StreamStatusView.From(stream), StreamJsonContext.Default.StreamStatusView, statusCode: StatusCodes.Status201Created);
    }

    private static Task<IResult> StreamStatusAsync(string id, StreamMaster streams) =>
        Task.FromResult(Results.Json(StreamStatusView.From(streams.Streams[id]), StreamJsonContext.Default.StreamStatusView));

    private static async Task<IResult> StopAsync(string id, StreamMaster streams)
    {
        var stream = streams.Streams[id];
        if (stream.Status.IsTerminal())
        {
            return ApiResults.Status(StatusCodes.Status409Conflict, "already_finished", $"job '{id}' already {stream.Status.Name()}");
        }

        try
        {
            stream = await streams.CallAsync<StreamHandle>(new StopStream(id), s_drainTimeout).ConfigureAwait(false);
        }
        catch (CallException ex) when (ex.Reason == ExitReason.Timeout)
        {
            // Still draining (a slow sink): the answer says so; GET shows when it has stopped.
        }

        return Results.Json(StreamStatusView.From(stream), StreamJsonContext.Default.StreamStatusView);
    }
}
