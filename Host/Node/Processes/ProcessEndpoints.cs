using System.Diagnostics;
using DistSys.Host.Api;
using DistSys.Host.Hosting;
using DistSys.Runtime;
using DistSys.Supervision;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace DistSys.Host.Processes;

/// <summary>
/// Introspection of the node's own processes, on every node, behind the token (docs/api.md): the top N
/// by a figure (<see cref="ProcessRuntime.Top"/>: one walk of the process table with a bounded heap,
/// the runtime never paused) for the dashboard and <c>top</c>, and the supervision tree from the root.
/// </summary>
internal static class ProcessEndpoints
{
    public const int MaxTreeNodes = 500;
    public const int MaxTreeDepth = 8;

    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapProcessEndpoints(this IEndpointRouteBuilder app)
    {
        var node = app.ServiceProvider.GetRequiredService<NodeContext>();
        var endpoints = app.MapGroup("").WithTags("Node");
        endpoints.MapGet("/api/processes/top", (HttpRequest request) => Top(node, request))
            .Describe("getTopProcesses", "The node's top processes by mailbox length, messages handled or mailbox memory, with node figures")
            .Query("by", JsonSchemaType.String, "mailbox (default), handled or memory")
            .Query("n", JsonSchemaType.Integer, $"how many, 1 to {ProcessRuntime.MaxTop} (default 20)")
            .Answers<TopView>().Fails(StatusCodes.Status400BadRequest, "invalid_field: by or n out of range");
        endpoints.MapGet("/api/supervision", () => SupervisionAsync(node))
            .Describe("getSupervision", $"The node's supervision tree from its root supervisor (at most {MaxTreeNodes} entries, {MaxTreeDepth} levels)")
            .Answers<SupervisionView>().Fails(StatusCodes.Status503ServiceUnavailable, "not_ready: the root supervisor is not running");
        return app;
    }

    private static IResult Top(NodeContext node, HttpRequest request)
    {
        var by = request.Query["by"].ToString() switch
        {
            "" or "mailbox" => ProcessRanking.MailboxLength,
            "handled" => ProcessRanking.MessagesHandled,
            "memory" => ProcessRanking.MailboxBytes,
            _ => (ProcessRanking?)null,
        };
        if (by is null)
        {
            return JsonBodyReader.Invalid("by", "must be mailbox, handled or memory");
        }

        if (!QueryInt.TryRead(request, "n", 20, 1, ProcessRuntime.MaxTop, out var n, out var error))
        {
            return error!;
        }

        var runtime = node.Cluster.Runtime;
        var started = Stopwatch.GetTimestamp();
        var top = runtime.Top(by.Value, (int)n);
        var walkMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var processes = top.Select(p => new TopProcessView(p.Pid.ToString(), p.RegisteredName, p.Behaviour, p.Status.ToString().ToLowerInvariant(),
            p.MailboxLength, p.MessagesHandled, p.MailboxBytes, p.Links, p.Monitors)).ToList();
        var view = new TopView(node.Cluster.Name, ByName(by.Value), (int)n, Math.Round(walkMs, 3), Stats(node, runtime), processes);
        return Results.Json(view, ProcessJsonContext.Default.TopView);
    }

    private static string ByName(ProcessRanking by) => by switch
    {
        ProcessRanking.MessagesHandled => "handled",
        ProcessRanking.MailboxBytes => "memory",
        _ => "mailbox",
    };

    private static NodeStatsView Stats(NodeContext node, ProcessRuntime runtime) => new(
        runtime.ProcessCount,
        runtime.SpawnedCount,
        runtime.ExitedCount,
        runtime.MessagesHandled,
        GC.GetGCMemoryInfo().HeapSizeBytes,
        Environment.WorkingSet,
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 6),
        Math.Round((node.Time.GetUtcNow() - node.StartedAt).TotalSeconds, 3));

    private static async Task<IResult> SupervisionAsync(NodeContext node)
    {
        var runtime = node.Cluster.Runtime;
        var root = runtime.Whereis(NodeSupervisor.RegisteredName);
        if (root == Pid.None)
        {
            return ApiResults.Status(StatusCodes.Status503ServiceUnavailable, "not_ready", $"node '{node.Cluster.Name}' has no running root supervisor");
        }

        var budget = new TreeBudget();
        var children = await ChildrenAsync(runtime, root, 1, budget);
        var view = new SupervisionView(node.Cluster.Name, budget.Truncated,
            new SupervisionNodeView(NodeSupervisor.RegisteredName, root.ToString(), "supervisor", 0, children));
        return Results.Json(view, ProcessJsonContext.Default.SupervisionView);
    }

    /// <summary>
    /// A supervisor's children, depth first. A supervisor that exits or does not answer in time while we
    /// walk (a restart racing us) shows no children rather than failing the whole answer.
    /// </summary>
    private static async Task<IReadOnlyList<SupervisionNodeView>?> ChildrenAsync(ProcessRuntime runtime, Pid supervisor, int depth, TreeBudget budget)
    {
        IReadOnlyList<ChildInfo> children;
        try
        {
            children = await Supervisor.WhichChildrenAsync(runtime, supervisor, s_callTimeout);
        }
        catch (CallException)
        {
            return null;
        }

        var views = new List<SupervisionNodeView>(Math.Min(children.Count, MaxTreeNodes));
        foreach (var child in children)
        {
            if (++budget.Used > MaxTreeNodes)
            {
                budget.Truncated = true;
                break;
            }

            var running = child.Pid != Pid.None;
            var isSupervisor = child.Type == ChildType.Supervisor;
            IReadOnlyList<SupervisionNodeView>? grandChildren = null;
            if (isSupervisor && running)
            {
                if (depth < MaxTreeDepth)
                {
                    grandChildren = await ChildrenAsync(runtime, child.Pid, depth + 1, budget);
                }
                else
                {
                    budget.Truncated = true;
                }
            }

            views.Add(new SupervisionNodeView(child.Id, running ? child.Pid.ToString() : null, isSupervisor ? "supervisor" : "worker", child.Restarts, grandChildren));
        }

        return views;
    }

    private sealed class TreeBudget
    {
        public int Used;
        public bool Truncated;
    }
}
