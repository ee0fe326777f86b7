using System.Text;
using System.Text.Json;
using DistSys.Host.Jobs;
using DistSys.Host.Jobs.Scheduling;
using DistSys.Host.Plugins;
using DistSys.Plugins.Tests.Support;
using DistSys.Supervision;

namespace DistSys.Plugins.Tests.Host;

/// <summary>A batch job whose operation is a plugin's ("plugin:wordfreq"), with the plugin hot-swapped while the job runs.</summary>
public sealed class PluginJobOperationTests : PluginFixture
{
    private const int Lines = 40;

    [Test]
    public async Task Job_PluginSwappedMidJob_CompletesEachPartitionCorrectForTheVersionThatRanIt()
    {
        await Manager.DeployAsync(ExamplePlugins.WordFreq("1", WorkRoot));
        var options = new JobServiceOptions { DataDirectory = Path.Combine(WorkRoot, "jobs") };
        options.Operations.AddPlugin(new PluginJobOperation(Manager, "wordfreq", "count"));
        using var master = new JobMaster(Runtime, options);
        var worker = new JobWorker(JobWorker.Local(Runtime, "worker1", 2, options));
        var supervisor = await Supervisor.StartAsync(Runtime, new SupervisorSpec { Intensity = 10, Children = [master.SchedulerSpec, worker.ExecutorSpec] });
        try
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
        }
        finally
        {
            await Supervisor.StopAsync(Runtime, supervisor);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
