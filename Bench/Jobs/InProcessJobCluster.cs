using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Scheduling;
using DistSys.Runtime;
using DistSys.Supervision;

namespace DistSys.Bench.Jobs;

/// <summary>
/// The same scheduler and two executors in one ProcessRuntime, store on (the baseline: the job
/// service's own cost, without HTTP, serialization or sockets).
/// </summary>
internal sealed class InProcessJobCluster : IDisposable
{
    private readonly ProcessRuntime _runtime = new();
    private readonly JobMaster _master;

    public InProcessJobCluster(int maxTasks)
    {
        _master = new JobMaster(_runtime, new JobServiceOptions
        {
            DataDirectory = Directory.CreateTempSubdirectory("distsys-bench-jobs-local-").FullName,
        });
        var children = new List<ChildSpec> { _master.SchedulerSpec };
        foreach (var name in (string[])["worker1", "worker2"])
        {
            var worker = new JobWorker(JobWorker.Local(_runtime, name, maxTasks, _master.Options));
            children.Add(worker.ExecutorSpec with { Id = name });
        }

        Supervisor.StartAsync(_runtime, new SupervisorSpec { Children = children }).GetAwaiter().GetResult();
        LoopbackJobNodes.Until(() => Call<WorkerView[]>(new ListWorkers()).Count(w => w.Status == "active") == 2, pollMs: 1);
    }

    public string Submit(string config)
    {
        using var document = JsonDocument.Parse(config);
        var (parsed, error) = JobConfigParser.Parse(document.RootElement, _master.Options.Operations);
        return parsed is null ? throw new ArgumentException(error!.ToString()) : Call<JobView>(new SubmitJob("bench", parsed)).Id;
    }

    public JobStatus Status(string id) => Call<JobView?>(new GetJob(id))!.Status;

    public void Dispose()
    {
        _runtime.Dispose();
        LoopbackJobNodes.Until(() => _runtime.ProcessCount == 0, pollMs: 1);
        _master.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_master.Options.DataDirectory, recursive: true);
    }

    private T Call<T>(object request) => _master.CallAsync<T>(request).GetAwaiter().GetResult();
}
