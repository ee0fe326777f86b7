using System.Text;
using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Scheduling;
using DistSys.Host.Plugins;
using DistSys.Plugins.Tests.Support;
using DistSys.Supervision;

namespace DistSys.Node.Tests.Plugins;

/// <summary>A batch job whose operation is a plugin's ("plugin:wordfreq"), with the plugin hot-swapped while the job runs.</summary>
public sealed class PluginJobOperationTests : PluginFixture
{
    private const int Lines = 40;

    [Test]
    public async Task Job_PinnedToTheActiveVersion_EveryPartitionComesFromIt()
    {
        await Manager.DeployAsync(ExamplePlugins.WordFreq("1", WorkRoot));
        await Manager.DeployAsync(ExamplePlugins.WordFreq("2", WorkRoot));

        var (status, error, result) = await RunPinnedJobAsync("plugin:wordfreq@2");

        Assert.That(status, Is.EqualTo(JobStatus.Completed), error);
        using var document = JsonDocument.Parse(result!);
        Assert.That(document.RootElement.EnumerateArray().Select(p => p.GetProperty("version").GetString()), Is.All.EqualTo("2"));
    }

    [Test]
    public async Task Job_PinnedToAVersionThatDoesNotServe_FailsNamingBothVersions()
    {
        await Manager.DeployAsync(ExamplePlugins.WordFreq("1", WorkRoot));

        var (status, error, _) = await RunPinnedJobAsync("plugin:wordfreq@2");

        Assert.That(status, Is.EqualTo(JobStatus.Failed));
        Assert.That(error, Does.Contain("serves version 1; the job asked for version 2"));
    }

    [Test]
    public async Task Job_PluginSwappedMidJob_CompletesEachPartitionCorrectForTheVersionThatRanIt()
    {
        await Manager.DeployAsync(ExamplePlugins.WordFreq("1", WorkRoot));
        await WithJobServiceAsync(async (master, options) =>
        {
            var text = string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(SteadyLoad.Text) + "\n", Lines));
            using var json = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object> { ["operation"] = "plugin:wordfreq", ["text"] = text, ["task_count"] = Lines, ["delay_ms"] = 20 }));
            var (config, error) = JobConfigParser.Parse(json.RootElement, options.Operations);
            Assert.That(error, Is.Null);
            var job = await master.CallAsync<JobView>(new SubmitJob("plugin job", config!));

            await Eventually.True(async () => (await master.CallAsync<JobView?>(new GetJob(job.Id)))!.Done >= 5, "a few tasks ran on v1");
            await Manager.DeployAsync(ExamplePlugins.WordFreq("2", WorkRoot));
            await Eventually.True(async () => (await master.CallAsync<JobView?>(new GetJob(job.Id)))!.Status.IsTerminal(), "the job finished");

            Assert.That((await master.CallAsync<JobView?>(new GetJob(job.Id)))!.Status, Is.EqualTo(JobStatus.Completed));
            using var result = JsonDocument.Parse(master.CombinedResult(job.Id, "plugin:wordfreq"));
            var partitions = result.RootElement.EnumerateArray().Select(p => (Version: p.GetProperty("version").GetString()!, Output: p.GetProperty("output").GetString())).ToList();
            Assert.That(partitions, Has.Count.EqualTo(Lines));
            Assert.That(partitions.Select(p => p.Output), Is.EqualTo(partitions.Select(p => SteadyLoad.Expected(p.Version))), "each partition is right for its version");
            Assert.That(partitions.Select(p => p.Version).Distinct(), Is.EquivalentTo(new[] { "1", "2" }), "the swap happened mid-job");
        });
    }

    /// <summary>Runs a small text job with <paramref name="operation"/> and no retries; its end state, error and result.</summary>
    private async Task<(JobStatus Status, string? Error, string? Result)> RunPinnedJobAsync(string operation)
    {
        (JobStatus, string?, string?) outcome = default;
        await WithJobServiceAsync(async (master, options) =>
        {
            using var json = JsonDocument.Parse(JsonSerializer.Serialize(new Dictionary<string, object> { ["operation"] = operation, ["text"] = "a b a\nb c\n", ["task_count"] = 2, ["max_retries"] = 0 }));
            var (config, error) = JobConfigParser.Parse(json.RootElement, options.Operations);
            Assert.That(error, Is.Null, "a pinned plugin version is a valid operation");
            var job = await master.CallAsync<JobView>(new SubmitJob("pinned", config!));
            await Eventually.True(async () => (await master.CallAsync<JobView?>(new GetJob(job.Id)))!.Status.IsTerminal(), "the job finished");
            var view = (await master.CallAsync<JobView?>(new GetJob(job.Id)))!;
            outcome = (view.Status, view.Error, view.Status == JobStatus.Completed ? master.CombinedResult(job.Id, operation) : null);
        });
        return outcome;
    }

    /// <summary>A job master and one local worker, with plugin:wordfreq registered, under a supervisor for the length of <paramref name="body"/>.</summary>
    private async Task WithJobServiceAsync(Func<JobMaster, JobServiceOptions, Task> body)
    {
        var options = new JobServiceOptions { DataDirectory = Path.Combine(WorkRoot, "jobs") };
        options.Operations.Add(new PluginJobOperation(Manager, "wordfreq", "count"));
        using var master = new JobMaster(Runtime, options);
        var worker = new JobWorker(JobWorker.Local(Runtime, "worker1", 2, options));
        var supervisor = await Supervisor.StartAsync(Runtime, new SupervisorSpec { Intensity = 10, Children = [master.SchedulerSpec, worker.ExecutorSpec] });
        try
        {
            await body(master, options);
        }
        finally
        {
            await Supervisor.StopAsync(Runtime, supervisor);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
