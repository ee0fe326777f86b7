using System.Text.Json;
using DistSys.Jobs.Execution;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;
using DistSys.Jobs.Scheduling;
using DistSys.Runtime;
using DistSys.Supervision;

namespace DistSys.Jobs.Tests.Support;

/// <summary>
/// The job service in one ProcessRuntime: a supervisor with the scheduler and N executors (the
/// same processes that run across nodes), over a store in a temporary directory.
/// </summary>
internal sealed class JobHarness : IAsyncDisposable
{
    private readonly bool _ownsDirectory;

    private JobHarness(ProcessRuntime runtime, JobMaster master, Pid supervisor, IReadOnlyList<JobWorker> workers, bool ownsDirectory)
    {
        Runtime = runtime;
        Master = master;
        Supervisor = supervisor;
        Workers = workers;
        _ownsDirectory = ownsDirectory;
    }

    public ProcessRuntime Runtime { get; }

    public JobMaster Master { get; }

    public Pid Supervisor { get; }

    public IReadOnlyList<JobWorker> Workers { get; }

    /// <summary>Leases that expire after 300 ms of silence, checked every 50 ms: for tests of silent executors.</summary>
    public static JobServiceOptions FastLeases(JobServiceOptions options) => options with
    {
        LeaseTimeout = TimeSpan.FromMilliseconds(300),
        LeaseCheckInterval = TimeSpan.FromMilliseconds(50),
        LoadInterval = TimeSpan.FromMilliseconds(50),
    };

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "distsys-jobs-" + Guid.NewGuid().ToString("N"));

    public static async Task<JobHarness> StartAsync(
        int workers = 2, int maxTasks = 4, string? dataDirectory = null,
        Func<JobServiceOptions, JobServiceOptions>? configure = null, Action<OperationRegistry>? operations = null, InputRoot? workerInputs = null,
        Func<ExecutorOptions, ExecutorOptions>? executor = null)
    {
        var owns = dataDirectory is null;
        var options = new JobServiceOptions { DataDirectory = dataDirectory ?? NewDataDirectory() };
        options = configure?.Invoke(options) ?? options;
        operations?.Invoke(options.Operations);
        var runtime = new ProcessRuntime();
        var master = new JobMaster(runtime, options);
        var jobWorkers = Enumerable.Range(1, workers)
            .Select(i => JobWorker.Local(runtime, $"worker{i}", maxTasks, options) with { Inputs = workerInputs })
            .Select(o => new JobWorker(executor?.Invoke(o) ?? o))
            .ToList();
        var children = new List<ChildSpec> { master.SchedulerSpec };
        children.AddRange(jobWorkers.Select(w => w.ExecutorSpec with { Id = w.Options.Node }));
        var supervisor = await DistSys.Supervision.Supervisor.StartAsync(runtime, new SupervisorSpec
        {
            Intensity = 50,
            Period = TimeSpan.FromSeconds(10),
            Children = children,
        });
        return new JobHarness(runtime, master, supervisor, jobWorkers, owns);
    }

    public async Task<JobView> SubmitAsync(string configJson, string name = "test")
    {
        using var document = JsonDocument.Parse(configJson);
        var (config, error) = JobConfigParser.Parse(document.RootElement, Master.Options.Operations, Master.Options.Inputs);
        Assert.That(error, Is.Null, $"config refused: {error}");
        return await Master.CallAsync<JobView>(new SubmitJob(name, config!));
    }

    public async Task<JobView> GetAsync(string id) => (await Master.CallAsync<JobView?>(new GetJob(id)))!;

    /// <summary>Waits until the job reaches a terminal state (or <paramref name="until"/> holds) and returns its view.</summary>
    public async Task<JobView> WaitAsync(string id, Func<JobView, bool>? until = null)
    {
        JobView view = null!;
        await Eventually.True(async () =>
        {
            view = await GetAsync(id);
            return until?.Invoke(view) ?? view.Status.IsTerminal();
        }, $"job {id} reached the expected state");
        return view;
    }

    public async Task<Pid> ExecutorAsync(int worker)
    {
        var children = await DistSys.Supervision.Supervisor.WhichChildrenAsync(Runtime, Supervisor);
        return children.Single(c => c.Id == Workers[worker].Options.Node).Pid;
    }

    /// <summary>One number the store holds (a COUNT, a SUM), read on a connection of its own.</summary>
    public long Scalar(string sql)
    {
        using var connection = Master.Store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public async Task<WorkerView[]> WorkersAsync() => await Master.CallAsync<WorkerView[]>(new ListWorkers());

    /// <summary>Waits until every executor has said hello (is listed as active).</summary>
    public Task AllWorkersActiveAsync() =>
        Eventually.True(async () => (await WorkersAsync()).Count(w => w.Status == "active") == Workers.Count, "every executor registered");

    /// <summary>Kills every process at once (a crash: nothing is flushed), keeping the data directory.</summary>
    public async Task CrashAsync()
    {
        Runtime.Dispose();
        await Eventually.True(() => Runtime.ProcessCount == 0, "every process exited");
        Master.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await CrashAsync();
        if (_ownsDirectory)
        {
            DeleteDirectory(Master.Options.DataDirectory);
        }
    }

    public static void DeleteDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
