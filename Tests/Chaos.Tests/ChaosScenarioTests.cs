using System.Diagnostics;

namespace DistSys.Chaos.Tests;

/// <summary>
/// Fault scenarios on a master and two workers in network namespaces. Each round submits a job, injects the
/// scenario's faults while it runs, heals them, and checks the invariants: the job completes with the exact
/// result, every task completed once (late results of a node that was cut off are refused), the
/// membership converges after the heal, and the master leaks no descriptors. <c>make test</c> runs one round
/// of each scenario; <c>make chaos</c> runs <c>CHAOS_ROUNDS</c> (5) and prints the table.
/// </summary>
[TestFixture]
internal sealed class ChaosScenarioTests
{
    // 60 tasks of 200 ms on 2 × 3 slots: about 2 s of work, long enough for every fault to land mid-job.
    private static readonly ChaosJob SleepJob = new("""{"operation":"sleep","sleep_ms":200,"task_count":60,"max_retries":10}""", 60, 60,
        async (cluster, id) => await cluster.ResultAsync(id) == 60 * 200);

    // Long enough for three kills, each waiting for the restarted worker (3-5 s to start) to run tasks again.
    private static readonly ChaosJob LongSleepJob = new("""{"operation":"sleep","sleep_ms":200,"task_count":300,"max_retries":10}""", 300, 300,
        async (cluster, id) => await cluster.ResultAsync(id) == 300 * 200);

    // A shuffled job: reducers fetch map outputs from the other worker, so a worker–worker partition matters.
    private static readonly string KeyedText = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"k{i % 211} shared"));
    private static readonly ChaosJob KeyedJob = new("""{"operation":"wordcount","file":"keys.txt","task_count":8,"reducers":4,"delay_ms":100}""", 12, 4,
        async (cluster, id) =>
        {
            var expected = KeyedText.Split([' ', '\n']).GroupBy(w => w).ToDictionary(g => g.Key, g => (long)g.Count());
            var counts = (await cluster.Master.GetJsonAsync($"/api/jobs/{id}/results")).GetProperty("result").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetInt64());
            return counts.Count == expected.Count && counts.All(c => expected.GetValueOrDefault(c.Key) == c.Value);
        },
        KeyedText);

    // Descriptors a healthy master may open between rounds (pooled connections, the store's WAL); a leak per fault grows past it.
    private const int DescriptorSlack = 64;

    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_ROUNDS"), out var rounds) && rounds > 0 ? rounds : 1;

    [Test]
    public Task MasterWorkerPartition_WorkerDownedItsTasksRerunAndItsLateResultsRefused() => RunAsync("master_worker_partition", async cluster =>
    {
        await RunningAsync(cluster, "worker1");
        cluster.Network.Partition("master", "worker1");
        await cluster.MemberDownAsync("worker1");
        return 1;
    });

    [Test]
    public Task WorkerDisconnected_CablePulledThenBack() => RunAsync("link_down", async cluster =>
    {
        await RunningAsync(cluster, "worker1");
        cluster.Network.Link("worker1", up: false);
        await cluster.MemberDownAsync("worker1");
        return 1;
    });

    [Test]
    public Task FlappingLink_JobStillExact() => RunAsync("flapping_link", async cluster =>
    {
        await RunningAsync(cluster, "worker1");
        const int flaps = 8;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(300));
        for (var i = 0; i < flaps * 2; i++)
        {
            cluster.Network.Link("worker1", up: i % 2 == 1);
            await timer.WaitForNextTickAsync();
        }

        return flaps;
    });

    [Test]
    public Task WorkerWorkerPartition_OneSideDownedAndTheKeyedJobCompletesDuringIt() => RunAsync("worker_worker_partition", async cluster =>
    {
        await RunningAsync(cluster, "worker1");
        cluster.Network.Partition("worker1", "worker2");
        await cluster.Master.WaitForLineAsync("cannot reach each other while both reach the master; downing");
        return 1;
    }, healAfterJob: true, job: KeyedJob);

    [Test]
    public Task MasterIsolated_FromEveryWorker() => RunAsync("master_isolated", async cluster =>
    {
        await RunningAsync(cluster, "worker1");
        cluster.Network.Partition("master", "worker1");
        cluster.Network.Partition("master", "worker2");
        await cluster.MemberDownAsync("worker1");
        await cluster.MemberDownAsync("worker2");
        return 2;
    });

    [Test]
    public Task OneWayLoss_ThirtyPercentInboundAtAWorker() => RunAsync("one_way_loss_30pct", async cluster =>
    {
        await RunningAsync(cluster, "worker1");
        cluster.Network.InboundLoss("worker1", 30);
        return 1;
    });

    [Test]
    public Task FrozenWorker_SigstopPastTheFailureTimeout() => RunAsync("sigstop_worker", async cluster =>
    {
        await RunningAsync(cluster, "worker1");
        cluster.Workers["worker1"].Freeze();
        await cluster.MemberDownAsync("worker1");
        return 1;
    }, cluster =>
    {
        cluster.Workers["worker1"].Thaw();
        return Task.CompletedTask;
    });

    [Test]
    public Task KillLoop_WorkerKilledAndRestartedThreeTimes() => RunAsync("kill9_loop", async cluster =>
    {
        const int kills = 3;
        for (var i = 0; i < kills; i++)
        {
            await RunningAsync(cluster, "worker1");
            var victim = cluster.Workers["worker1"];
            victim.Kill();
            await victim.WaitForExitAsync();
            await cluster.StartWorker("worker1").WaitForHealthyAsync();
        }

        return kills;
    }, job: LongSleepJob);

    [Test]
    public Task MasterKilled_RestartedMasterFinishesTheJob() => RunAsync("master_kill9", async cluster =>
    {
        await RunningAsync(cluster, "worker1");
        cluster.Master.Kill();
        await cluster.Master.WaitForExitAsync();
        await cluster.StartMaster().WaitForHealthyAsync();
        return 1;
    });

    /// <summary>
    /// The rounds of one scenario: <paramref name="inject"/> breaks something while a job runs and returns how many
    /// faults it injected; <paramref name="heal"/> (besides lifting every network fault) repairs what it broke.
    /// </summary>
    private static async Task RunAsync(string scenario, Func<ChaosCluster, Task<int>> inject, Func<ChaosCluster, Task>? heal = null,
        bool healAfterJob = false, ChaosJob? job = null)
    {
        job ??= SleepJob;
        await using var cluster = await ChaosCluster.StartAsync();
        if (job.Input is { } input)
        {
            await File.WriteAllTextAsync(Path.Combine(cluster.MasterInputs, "keys.txt"), input);
        }

        var descriptors = Descriptors(cluster.Master);
        var (faults, duplicates, exact, converge) = (0, 0L, true, TimeSpan.Zero);
        for (var round = 0; round < Rounds; round++)
        {
            var id = await cluster.SubmitAsync(job.Config);
            faults += await inject(cluster);
            var finished = healAfterJob ? await cluster.WaitForJobAsync(id) : default;

            cluster.Network.HealAll();
            await (heal?.Invoke(cluster) ?? Task.CompletedTask);
            var healed = Stopwatch.StartNew();
            await cluster.MembersUpAsync(3);
            converge = healed.Elapsed > converge ? healed.Elapsed : converge;

            if (!healAfterJob)
            {
                finished = await cluster.WaitForJobAsync(id);
            }

            // A node that was cut off may still hold results: once every worker is idle, whatever it sent has been judged.
            foreach (var worker in cluster.Workers.Values)
            {
                await worker.WaitUntilAsync(async () => await ChaosCluster.ActiveTasksAsync(worker) == 0, $"{worker.Name} is idle");
            }

            // The results table keeps one row per task whatever happens (its key): a task done twice shows as a second
            // completed attempt, which the lease guard must have refused. (A shuffled job's maps may complete again
            // legitimately, when their output was lost: only the tasks that store a result count.)
            var firstResult = job.Tasks - job.Results;
            var distinct = cluster.Scalar($"SELECT COUNT(DISTINCT idx) FROM results WHERE job_id = '{id}'");
            var stored = cluster.Scalar($"SELECT COUNT(*) FROM attempts WHERE job_id = '{id}' AND outcome = 'completed' AND idx >= {firstResult}");
            var completed = finished.GetProperty("status").GetString() == "completed";
            var roundExact = completed && distinct == job.Results && await job.Exact(cluster, id);
            duplicates += stored - distinct;
            exact &= roundExact;
            Assert.Multiple(() =>
            {
                Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("completed"), $"{scenario} round {round}: {finished}");
                Assert.That(distinct, Is.EqualTo(job.Results), "every task with a result has one");
                Assert.That(stored, Is.EqualTo(distinct), "no task completed twice");
                Assert.That(cluster.Scalar($"SELECT done_count FROM jobs WHERE id = '{id}'"), Is.EqualTo(job.Tasks));
            });
            Assert.That(roundExact, Is.True, $"{scenario} round {round}: the result is exact");
        }

        ChaosReport.Add(new ChaosRow(scenario, faults, Rounds, Rounds * job.Tasks, exact, duplicates, converge));
        if (descriptors is { } before && Descriptors(cluster.Master) is { } after)
        {
            Assert.That(after, Is.LessThanOrEqualTo(before + DescriptorSlack), $"{scenario}: the master's open descriptors after the faults");
        }
    }

    /// <summary>Waits until <paramref name="name"/> is running tasks of the job just submitted.</summary>
    private static Task RunningAsync(ChaosCluster cluster, string name)
    {
        var worker = cluster.Workers[name];
        return worker.WaitUntilAsync(async () => await ChaosCluster.ActiveTasksAsync(worker) > 0, $"{name} is running tasks");
    }

    /// <summary>The node's open descriptors, null when the master restarted (a new process to compare against nothing).</summary>
    private static int? Descriptors(NodeProcess node) =>
        node.HasExited || !Directory.Exists($"/proc/{node.Pid}/fd") ? null : Directory.GetFiles($"/proc/{node.Pid}/fd").Length;
}

/// <summary>
/// A job a scenario runs: its config, how many tasks it has and how many store a result (a shuffled job's maps
/// do not: their outputs stay on the workers), and how to tell its result is exact; <see cref="Input"/> becomes
/// keys.txt in the master's input root.
/// </summary>
internal sealed record ChaosJob(string Config, int Tasks, int Results, Func<ChaosCluster, string, Task<bool>> Exact, string? Input = null);
