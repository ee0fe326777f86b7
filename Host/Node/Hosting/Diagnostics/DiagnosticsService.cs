using System.Collections.Concurrent;
using System.Net;
using DistSys.Host.Api;
using DistSys.Runtime;
using DistSys.Runtime.Distribution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistSys.Host.Hosting.Diagnostics;

/// <summary>
/// Cluster diagnostics, a supported debugging feature (docs/configuration.md): mapped only with
/// <c>DISTSYS_DIAGNOSTICS=1</c>, behind the API token, answering loopback clients only. They drive the
/// real cluster API from outside the process, so an operator (and the integration tests) can check
/// remote spawn, remote calls, global names and DOWN noconnection across OS processes.
/// </summary>
internal static class DiagnosticsService
{
    private const int MaxBalls = 100_000;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    public static void AddTo(NodeContext context)
    {
        var cluster = context.Cluster;
        cluster.Behaviours.Register(EchoServer.BehaviourName, () => new EchoServer(cluster.Name));
        cluster.Behaviours.Register(PongServer.BehaviourName, () => new PongServer());
        cluster.MessageTypes.Register<DiagBall>(DiagBall.Tag);
        var events = new ConcurrentQueue<WatchEventView>();
        context.MapEndpoints(app => Map(app, cluster, events));
    }

    private static void Map(IEndpointRouteBuilder app, ClusterNode cluster, ConcurrentQueue<WatchEventView> events)
    {
        var debug = app.MapGroup("/debug").AddEndpointFilter(GuardAsync).WithTags("Diagnostics")
            .Fails(StatusCodes.Status403Forbidden, "forbidden: diagnostics answer loopback clients only")
            .Fails(StatusCodes.Status502BadGateway, "remote_failed: an unknown node, a node down, or a remote call that timed out");

        // Remote spawn by behaviour name, then a call across the network: "pong from <node>" proves where it ran.
        debug.MapGet("/ping/{node}", async (string node) =>
        {
            var pid = await cluster.SpawnAsync(node, EchoServer.BehaviourName, null, CallTimeout).ConfigureAwait(false);
            var reply = await cluster.Runtime.CallAsync<string>(pid, "ping", CallTimeout).ConfigureAwait(false);
            cluster.Runtime.Exit(pid, ExitReason.Shutdown);
            return Results.Json(new PingView(node, pid.ToString(), pid.Node, reply), DiagnosticsJsonContext.Default.PingView);
        }).Describe("debugPing", "Spawn an echo process on NODE by behaviour name and call it").Answers<PingView>();

        // Many balls in flight to a remote process and back with plain sends: ordering per pair, across the network.
        debug.MapGet("/pingpong/{node}", async (string node, int? count) =>
        {
            if (count is not (null or (>= 1 and <= MaxBalls)))
            {
                return ApiResults.BadRequest("invalid_count", $"count must be 1 to {MaxBalls}");
            }

            var pong = await cluster.SpawnAsync(node, PongServer.BehaviourName, null, CallTimeout).ConfigureAwait(false);
            var done = new TaskCompletionSource<PingPongView>(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.Runtime.Spawn(new PingClient(pong, count ?? 1_000, done, node));
            var result = await done.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            cluster.Runtime.Exit(pong, ExitReason.Shutdown);
            return Results.Json(result, DiagnosticsJsonContext.Default.PingPongView);
        }).Describe("debugPingPong", "Bounce COUNT messages off a process on NODE and check their order").Answers<PingPongView>()
            .Fails(StatusCodes.Status400BadRequest, $"invalid_count: count must be 1 to {MaxBalls}");

        debug.MapPost("/global/{name}", async (string name) =>
        {
            var pid = cluster.Runtime.Spawn(new EchoServer(cluster.Name));
            bool registered;
            try
            {
                registered = await cluster.RegisterGlobalAsync(name, pid).ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                cluster.Runtime.Exit(pid, ExitReason.Shutdown);
                throw;
            }

            return Results.Json(new GlobalView(name, registered, pid.ToString(), pid.Node, null), DiagnosticsJsonContext.Default.GlobalView);
        }).Describe("debugRegisterGlobal", "Register a new echo process here under a global name").Answers<GlobalView>();

        debug.MapGet("/global/{name}", async (string name) =>
        {
            if (await cluster.WhereisGlobalAsync(name).ConfigureAwait(false) is not { } pid)
            {
                return ApiResults.NotFound("no_such_name", $"no process is registered globally as '{name}'");
            }

            var reply = await cluster.Runtime.CallAsync<string>(pid, "ping", CallTimeout).ConfigureAwait(false);
            return Results.Json(new GlobalView(name, true, pid.ToString(), pid.Node, reply), DiagnosticsJsonContext.Default.GlobalView);
        }).Describe("debugWhereisGlobal", "Find a global name and call the process it names").Answers<GlobalView>()
            .Fails(StatusCodes.Status404NotFound, "no_such_name: no process is registered globally under the name");

        // A process on <node> watched from here: its DOWN (and the node events) land in /debug/watch.
        debug.MapPost("/watch/{node}", async (string node) =>
        {
            var target = await cluster.SpawnAsync(node, EchoServer.BehaviourName, null, CallTimeout).ConfigureAwait(false);
            var watcher = cluster.Runtime.Spawn(new WatchRecorder(cluster, target, node, events));
            return Results.Json(new PingView(node, target.ToString(), target.Node, watcher.ToString()), DiagnosticsJsonContext.Default.PingView);
        }).Describe("debugWatch", "Spawn a process on NODE and monitor it (and every node) from here").Answers<PingView>();

        debug.MapGet("/watch", () => Results.Json(new WatchView([.. events]), DiagnosticsJsonContext.Default.WatchView))
            .Describe("debugWatchEvents", "The DOWN and node events the watchers recorded").Answers<WatchView>();
    }

    // Loopback clients only; a name the runtime refuses (empty, too long) is a 400, and a remote failure
    // (unknown node, node down, timeout) a 502 naming it, not a 500.
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        if (invocation.HttpContext.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            return ApiResults.Status(StatusCodes.Status403Forbidden, "forbidden", "diagnostics answer loopback clients only");
        }

        try
        {
            return await next(invocation).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return ApiResults.BadRequest("invalid_name", ex.Message);
        }
        catch (Exception ex) when (ex is RemoteSpawnException or CallException or TimeoutException)
        {
            return ApiResults.Status(StatusCodes.Status502BadGateway, "remote_failed", ex.Message);
        }
    }
}
