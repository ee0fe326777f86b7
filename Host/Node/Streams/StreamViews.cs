using System.Text.Json;
using DistSys.Streams;
using DistSys.Streams.Engine;

namespace DistSys.Host.Streams;

/// <summary>One instance of a node (or of nodes chained into one process): where it runs and its counters.</summary>
internal sealed record StreamInstanceView(int Instance, string RunsOn, long EventsIn, long EventsOut, int Backlog, double Rate);

/// <summary>A node (a process per instance: chained nodes are named together, "a+b"), summed over its instances.</summary>
internal sealed record StreamNodeView(string Id, int Parallelism, long EventsIn, long EventsOut, int Backlog, double Rate, IReadOnlyList<StreamInstanceView> Instances);

/// <summary>A source's progress: the offset read, the offset every sink acknowledged, the events replayed; for http, its log's use.</summary>
internal sealed record StreamSourceView(string Node, long Read, long Acked, long Replayed, long? LogBytes, long? LogCapacity);

/// <summary>POST /api/jobs with "type": "streaming", GET and DELETE /api/jobs/{id} of a topology.</summary>
internal sealed record StreamStatusView(
    string JobId,
    string Name,
    string Type,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StoppedAt,
    string? Error,
    int Restarts,
    int PluginFailures,
    IReadOnlyList<StreamNodeView> Nodes,
    IReadOnlyList<StreamSourceView> Sources)
{
    public static StreamStatusView From(StreamHandle stream)
    {
        var instances = stream.Instances;
        var nodes = instances.GroupBy(i => i.Node).Select(g => new StreamNodeView(g.Key, g.Count(), g.Sum(i => i.EventsIn), g.Sum(i => i.EventsOut),
            g.Sum(i => i.Backlog), Math.Round(g.Sum(i => i.Rate), 1),
            [.. g.Select(i => new StreamInstanceView(i.Instance, i.Place, i.EventsIn, i.EventsOut, i.Backlog, Math.Round(i.Rate, 1)))])).ToList();
        var sources = stream.Sources.Select(s => new StreamSourceView(s.Node, stream.ReadOf(s.Node, s.Acked),
            s.Acked, s.Replayed, s.Log?.Used, s.Log?.Capacity)).ToList();
        return new StreamStatusView(stream.Id, stream.Name, "streaming", stream.Status.Name(), DateTimeOffset.FromUnixTimeMilliseconds(stream.CreatedAt),
            stream.StoppedAt is { } stopped ? DateTimeOffset.FromUnixTimeMilliseconds(stopped) : null, stream.Error, stream.Restarts, stream.PluginFailures, nodes, sources);
    }
}

/// <summary>POST /api/streams/{id}/sources/{node}: the events accepted (durable in the source log) and where they went.</summary>
internal sealed record IngestView(long Accepted, long Offset, long End, long LogBytes, long LogCapacity);

/// <summary>GET /api/streams/{id}/sinks/{node} with Accept: application/json (for the OpenAPI document; written by <see cref="SinkPageResult"/>).</summary>
internal sealed record SinkPageView(IReadOnlyList<JsonElement> Events, long Next, long First);
