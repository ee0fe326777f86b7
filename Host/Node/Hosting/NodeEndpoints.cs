using DistSys.Host.Api.Security;
using DistSys.Runtime.Distribution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using DistSys.Host.Api;

namespace DistSys.Host.Hosting;

/// <summary>The node's own endpoints: readiness, the membership view and the node's status.</summary>
internal static class NodeEndpoints
{
    public static IEndpointRouteBuilder MapNodeEndpoints(this IEndpointRouteBuilder app)
    {
        var node = app.ServiceProvider.GetRequiredService<NodeContext>();
        var endpoints = app.MapGroup("").WithTags("Node");
        endpoints.MapGet("/healthz", () => Health(node)).OpenToAnyone()
            .Describe("getHealth", "Readiness: 200 once the node listens, has joined and runs its services (no token needed)")
            .Answers<HealthView>().Fails(StatusCodes.Status503ServiceUnavailable, "not_ready: the node is starting, joining or stopping");
        endpoints.MapGet("/api/cluster", () => Results.Json(Cluster(node), NodeJsonContext.Default.ClusterView))
            .Describe("getCluster", "This node's view of the cluster's members").Answers<ClusterView>();
        endpoints.MapGet("/api/status", () => Results.Json(Status(node), NodeJsonContext.Default.NodeStatusView))
            .Describe("getStatus", "What this node is and how it is doing, with its services' own sections").Answers<NodeStatusView>();
        return app;
    }

    // 503 until the node listens, has joined (worker) and started its services: a load balancer or a
    // test that polls /healthz sees "ready" only when the node can do work.
    private static IResult Health(NodeContext node) => node.Status == NodeStatus.Ready
        ? Results.Json(new HealthView("ready", node.Settings.Name), NodeJsonContext.Default.HealthView)
        : node.Status == NodeStatus.Standby
            ? ApiResults.Status(StatusCodes.Status503ServiceUnavailable, "standby", $"master '{node.Settings.Name}' is a standby: another master leads the shared store")
            : ApiResults.Status(StatusCodes.Status503ServiceUnavailable, "not_ready", $"node '{node.Settings.Name}' is {Lower(node.Status)}");

    private static ClusterView Cluster(NodeContext node)
    {
        var members = node.Cluster.Members
            .OrderBy(m => m.Role == NodeRole.Master ? 0 : 1)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => new MemberView(m.Name, m.NodeId, $"{m.Host}:{m.Port}", m.Incarnation, Lower(m.State), Lower(m.Role),
                m.LastHeartbeat, m.Name == node.Cluster.Name))
            .ToList();
        return new ClusterView(node.Cluster.Name, members.Count(m => m.Status == "up"), members);
    }

    private static NodeStatusView Status(NodeContext node) => new(
        node.Cluster.Name,
        node.Cluster.NodeId,
        Lower(node.Cluster.Role),
        Lower(node.Status),
        node.Cluster.Incarnation,
        node.Settings.Listen.ToString(),
        node.Cluster.Runtime.ProcessCount,
        Math.Round((node.Time.GetUtcNow() - node.StartedAt).TotalSeconds, 3),
        node.Cluster.Members.Count(m => m.IsUp))
    {
        Services = node.StatusSections.Count == 0 ? null : node.StatusSections.ToDictionary(s => s.Name, s => s.Read()),
    };

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
