using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Execution;
using DistSys.Jobs.Scheduling;
using DistSys.Runtime.Distribution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using DistSys.Host.Api;

namespace DistSys.Host.Jobs;

/// <summary>
/// The seed's worker endpoints on the master: register (the master dials the address and adds the
/// node), heartbeat, and the list of workers.
/// </summary>
internal static class WorkerEndpoints
{
    public const int MaxBodyBytes = 64 << 10;
    public const int DefaultMaxTasks = 10;
    private static readonly TimeSpan s_dialTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapWorkerEndpoints(this IEndpointRouteBuilder app, JobMaster master)
    {
        var workers = app.MapGroup("/api/workers").WithTags("Workers").Fails(StatusCodes.Status503ServiceUnavailable, SchedulerGuard.Unavailable);
        workers.MapPost("/register", (HttpRequest request) => SchedulerGuard.RunAsync(() => RegisterAsync(request, master)))
            .Describe("registerWorker", "Dial a node at an address and add it to the cluster as a worker")
            .AcceptsJson<WorkerRegisterRequest>().Answers<WorkerStatusView>(StatusCodes.Status201Created)
            .Fails(StatusCodes.Status400BadRequest, $"invalid_json, invalid_field (the detail names the field) or body_too_large (over {MaxBodyBytes} bytes)")
            .Fails(StatusCodes.Status502BadGateway, "unreachable: no node of this cluster answered at the address (the reason is in the master's log)");
        workers.MapPost("/heartbeat", (HttpRequest request) => SchedulerGuard.RunAsync(() => HeartbeatAsync(request, master)))
            .Describe("workerHeartbeat", "What a registered worker reports about itself (it renews no lease)")
            .AcceptsJson<WorkerHeartbeatRequest>().Answers<WorkerStatusView>()
            .Fails(StatusCodes.Status400BadRequest, $"invalid_json, invalid_field (the detail names the field) or body_too_large (over {MaxBodyBytes} bytes)")
            .Fails(StatusCodes.Status404NotFound, "unknown_worker: worker_id is not registered");
        workers.MapGet("", () => SchedulerGuard.RunAsync(async () =>
        {
            var known = await master.CallAsync<WorkerView[]>(new ListWorkers()).ConfigureAwait(false);
            return Results.Json(new WorkerListView([.. known.Select(WorkerStatusView.From)]), JobJsonContext.Default.WorkerListView);
        })).Describe("listWorkers", "The workers the scheduler knows").Answers<WorkerListView>();
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, JobMaster master)
    {
        var (document, error) = await JsonBodyReader.ReadObjectAsync(request, MaxBodyBytes).ConfigureAwait(false);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            var body = document.RootElement;
            if (JsonBodyReader.UnknownField(body, "address", "max_tasks") is { } unknown)
            {
                return JsonBodyReader.Invalid(unknown, "unknown field (known: address, max_tasks)");
            }

            if (!body.TryGetProperty("address", out var address) || address.ValueKind != JsonValueKind.String
                || !NameRules.IsPrintable(address.GetString()!)
                || !Endpoint.TryParse(address.GetString()!, out var endpoint))
            {
                return JsonBodyReader.Invalid("address", "required: \"HOST:PORT\" with a valid host and a port from 1 to 65535");
            }

            var maxTasks = DefaultMaxTasks;
            if (body.TryGetProperty("max_tasks", out var max)
                && (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out maxTasks) || maxTasks < 1 || maxTasks > ExecutorOptions.MaxTasksLimit))
            {
                return JsonBodyReader.Invalid("max_tasks", $"must be a whole number from 1 to {ExecutorOptions.MaxTasksLimit}");
            }

            var (host, port) = (endpoint.Host, endpoint.Port);
            var id = endpoint.ToString();
            if (master.DialWorker is { } dial)
            {
                using var timeout = new CancellationTokenSource(s_dialTimeout);
                try
                {
                    id = await dial(host, port, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ClusterJoinException or IOException or TimeoutException or OperationCanceledException
                    or System.Net.Sockets.SocketException or InvalidOperationException)
                {
                    JobsLog.RegisterDialFailed(master.Options.Logger, endpoint.ToString(), ex.Message);
                    return ApiResults.Status(StatusCodes.Status502BadGateway, "unreachable", $"address: no node of this cluster answered at {endpoint}");
                }
            }

            var worker = await master.CallAsync<WorkerView>(new RegisterWorker(id, endpoint.ToString(), maxTasks))
                .ConfigureAwait(false);
            return Results.Json(WorkerStatusView.From(worker), JobJsonContext.Default.WorkerStatusView, statusCode: StatusCodes.Status201Created);
        }
    }

    private static async Task<IResult> HeartbeatAsync(HttpRequest request, JobMaster master)
    {
        var (document, error) = await JsonBodyReader.ReadObjectAsync(request, MaxBodyBytes).ConfigureAwait(false);
        if (document is null)
        {
            return error!;
        }

        using (document)
        {
            var (heartbeat, invalid) = HeartbeatReader.Read(document.RootElement, master.Options.Time);
            if (heartbeat is null)
            {
                return invalid!;
            }

            return await master.CallAsync<WorkerView?>(heartbeat).ConfigureAwait(false) is { } worker
                ? Results.Json(WorkerStatusView.From(worker), JobJsonContext.Default.WorkerStatusView)
                : ApiResults.NotFound("unknown_worker", $"worker_id: '{heartbeat.Id}' is not registered");
        }
    }
}
