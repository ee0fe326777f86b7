using System.Text.Json;
using DistSys.FullSystem.Tests.Ha;

namespace DistSys.FullSystem.Tests;

/// <summary>
/// Two masters on one PostgreSQL store (a throwaway server for the fixture): one leads, the other
/// stands by; a killed, frozen or stopped leader is replaced and the job it was running completes
/// exactly once. Most tests start a worker on the new leader; the "follow" tests give the worker every
/// master (<c>--masters</c>), so it rejoins whichever leads and its running tasks are kept, not run again.
/// </summary>
public sealed class HaTests
{
    private const string Job = """{"operation":"multiply","factor":3,"task_count":40,"delay_ms":40}""";

    private TestPostgres _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await TestPostgres.StartAsync();

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task LeaderKilled_MidJob_StandbyLeadsAndTheJobCompletesWithEveryTaskStoredOnce()
    {
        var store = _server.CreateDatabase();
        await using var cluster = new HaCluster(store);
        var (first, second, id) = await JobOnTheLeaderAsync(cluster, done: 8);

        first.Kill();
        await second.WaitForHealthyAsync();
        cluster.StartWorker("worker2", second);
        var job = await HaCluster.WaitForJobAsync(second, id);
        var result = (await second.GetJsonAsync($"/api/jobs/{id}/results")).GetProperty("result");
        var ha = await HaCluster.HaStatusAsync(second);
        var database = Database(store);

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(result.EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(Enumerable.Range(1, 400).Select(i => 3L * i)));
            Assert.That(_server.Sql(database, $"SELECT COUNT(*), COUNT(DISTINCT idx) FROM results WHERE job_id = '{id}'"), Is.EqualTo("40|40"), "every task stored once");
            Assert.That(_server.Sql(database, $"SELECT done_count FROM jobs WHERE id = '{id}'"), Is.EqualTo("40"));
            Assert.That(ha.GetProperty("role").GetString(), Is.EqualTo("leader"));
            Assert.That(ha.GetProperty("epoch").GetInt64(), Is.EqualTo(2));
        });
    }

    // Given the standby in --masters, or only the seed's MASTER_HOST MASTER_PORT: then it learns the standby from the leader.
    [TestCase(true)]
    [TestCase(false)]
    public async Task LeaderKilled_WhileAWorkerRunsSlowTasks_TheWorkerFollowsAndNoTaskRunsTwice(bool follow)
    {
        var store = _server.CreateDatabase();
        await using var cluster = new HaCluster(store);
        var (first, second) = await LeaderAndStandbyAsync(cluster);
        var worker = cluster.StartWorker("worker1", first, maxTasks: 2, follow);
        await HaCluster.WorkersActiveAsync(first, 1);
        await worker.WaitUntilAsync(async () =>
        {
            var masters = (await worker.GetJsonAsync("/api/status")).GetProperty("services").GetProperty("ha").GetProperty("masters");
            return masters.EnumerateArray().Select(m => m.GetString()).SequenceEqual([$"127.0.0.1:{first.Port}", $"127.0.0.1:{second.Port}"]);
        }, "the worker knows both masters, the leader first");
        var id = await HaCluster.SubmitAsync(first, """{"operation":"multiply","factor":3,"task_count":4,"delay_ms":5000}""");
        await HaCluster.WaitForJobAsync(first, id, j => j.GetProperty("progress").GetProperty("running").GetInt32() == 2);

        first.Kill();
        await second.WaitForHealthyAsync();
        var job = await HaCluster.WaitForJobAsync(second, id);
        var result = (await second.GetJsonAsync($"/api/jobs/{id}/results")).GetProperty("result");
        var database = Database(store);

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(result.EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(Enumerable.Range(1, 40).Select(i => 3L * i)));
            Assert.That(_server.Sql(database, $"SELECT COUNT(*), MAX(attempts) FROM tasks WHERE job_id = '{id}'"), Is.EqualTo("4|1"), "no task was claimed twice");
            Assert.That(_server.Sql(database, $"SELECT COUNT(*) FROM attempts WHERE job_id = '{id}' AND outcome <> 'completed'"), Is.EqualTo("0"), "no attempt was lost");
            Assert.That(_server.Sql(database, $"SELECT COUNT(*), COUNT(DISTINCT idx) FROM results WHERE job_id = '{id}'"), Is.EqualTo("4|4"));
            Assert.That(second.Output, Does.Contain("worker worker1 claimed back 2 lease(s)"));
            Assert.That(worker.HasExited, Is.False);
            Assert.That(worker.Output, Does.Contain($"learned from the leader: 127.0.0.1:{first.Port},127.0.0.1:{second.Port}"));
        });
    }

    [Test]
    public async Task Client_GivenEveryMaster_SubmitsThroughTheLeaderOnceAndWaitsAcrossATakeover()
    {
        var store = _server.CreateDatabase();
        await using var cluster = new HaCluster(store);
        var (first, second) = await LeaderAndStandbyAsync(cluster);
        cluster.StartWorker("worker1", first, maxTasks: 2, follow: true);
        await HaCluster.WorkersActiveAsync(first, 1);
        var (mastersExit, masters) = await cluster.ClientAsync([second, first], "masters");

        // The standby first: its 503 sends the client on to the leader.
        var (submitExit, submitted) = await cluster.ClientAsync([second, first], "submit", "batch", "ha",
            """{"operation":"multiply","factor":3,"task_count":6,"delay_ms":1500}""");
        var id = System.Text.RegularExpressions.Regex.Match(submitted, @"job-\d+").Value;
        first.Kill();
        var (waitExit, waited) = await cluster.ClientAsync([first, second], "wait", id, "--timeout", "120");
        var (_, mastersAfter) = await cluster.ClientAsync([first, second], "masters");
        var database = Database(store);

        Assert.Multiple(() =>
        {
            Assert.That(mastersExit, Is.Zero, masters);
            Assert.That(masters, Does.Match($@"leader \S+ at 127\.0\.0\.1:{first.Port}, epoch 1, store PostgreSQL"), masters);
            Assert.That(masters, Does.Match($@"standby \S+ at 127\.0\.0\.1:{second.Port}, seen \d+\.\d s ago"), masters);
            Assert.That(mastersAfter, Does.Match($@"leader \S+ at 127\.0\.0\.1:{second.Port}, epoch 2"), mastersAfter);
            Assert.That(submitExit, Is.Zero, submitted);
            Assert.That(id, Is.Not.Empty, submitted);
            Assert.That(waitExit, Is.Zero, waited);
            Assert.That(_server.Sql(database, "SELECT COUNT(*) FROM jobs"), Is.EqualTo("1"), "one job, however many tries");
            Assert.That(_server.Sql(database, $"SELECT COUNT(*) FROM jobs WHERE id = '{id}' AND idempotency_key IS NOT NULL AND state = 'completed'"), Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task FiveLeaderKills_During1000TaskJob_EachKilledMasterBackAsStandby_ExactResultEveryTaskStoredOnce()
    {
        var store = _server.CreateDatabase();
        await using var cluster = new HaCluster(store);
        var first = cluster.StartMaster();
        await first.WaitForHealthyAsync();
        await HaCluster.StandbyAsync(cluster.StartMaster());
        await HaCluster.StandbyAsync(cluster.StartMaster());
        cluster.StartWorker("worker1", first, maxTasks: 4, follow: true);
        cluster.StartWorker("worker2", first, maxTasks: 4, follow: true);
        await HaCluster.WorkersActiveAsync(first, 2);
        var id = await HaCluster.SubmitAsync(first, """{"operation":"multiply","factor":3,"task_count":1000,"delay_ms":60}""");

        var leader = first;
        for (var kill = 0; kill < 5; kill++)
        {
            // Some progress under each leader, then kill -9 it and start it again (it stands by).
            var done = (await leader.GetJsonAsync($"/api/jobs/{id}")).GetProperty("progress").GetProperty("done").GetInt32();
            await HaCluster.WaitForJobAsync(leader, id, j => j.GetProperty("progress").GetProperty("done").GetInt32() >= done + 40);
            leader.Kill();
            await leader.WaitForExitAsync();
            cluster.RestartMaster(leader);
            leader = await cluster.LeaderAsync();
        }

        var job = await HaCluster.WaitForJobAsync(leader, id);
        var result = (await leader.GetJsonAsync($"/api/jobs/{id}/results")).GetProperty("result");
        var database = Database(store);

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(result.EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(Enumerable.Range(1, 10_000).Select(i => 3L * i)));
            Assert.That(_server.Sql(database, $"SELECT COUNT(*), COUNT(DISTINCT idx) FROM results WHERE job_id = '{id}'"), Is.EqualTo("1000|1000"), "every task stored once");
            Assert.That(_server.Sql(database, $"SELECT done_count FROM jobs WHERE id = '{id}'"), Is.EqualTo("1000"));
            Assert.That(_server.Sql(database, "SELECT epoch FROM leader_fence"), Is.EqualTo("6"), "five takeovers");
        });
    }

    [Test]
    public async Task LeaderFrozenPastItsTtl_StandbyTakesOver_TheOldLeaderStepsDownWhenItWakes()
    {
        var store = _server.CreateDatabase();
        await using var cluster = new HaCluster(store);
        var (first, second, id) = await JobOnTheLeaderAsync(cluster, done: 4);

        first.Freeze();
        await second.WaitForHealthyAsync();
        first.Thaw();
        var exit = await first.WaitForExitAsync();
        cluster.StartWorker("worker2", second);
        var job = await HaCluster.WaitForJobAsync(second, id);
        var database = Database(store);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), "the old leader stopped instead of leading on");
            Assert.That(first.Output, Does.Contain("stepped down"));
            Assert.That(_server.Sql(database, "SELECT epoch || ' ' || holder FROM leader_lease"), Is.EqualTo($"2 master@127.0.0.1:{second.Port}"));
            Assert.That(_server.Sql(database, "SELECT epoch FROM leader_fence"), Is.EqualTo("2"), "writes under epoch 1 are refused from now on");
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(_server.Sql(database, $"SELECT COUNT(*), COUNT(DISTINCT idx) FROM results WHERE job_id = '{id}'"), Is.EqualTo("40|40"));
        });
    }

    [Test]
    public async Task LeaderStopped_Gracefully_StandbyLeadsWithoutWaitingForTheTtl()
    {
        var store = _server.CreateDatabase();

        // A TTL longer than the test's liveness deadline: only a released lease can be taken in time.
        await using var cluster = new HaCluster(store, "--lease-ttl", "60s");
        var (first, second) = await LeaderAndStandbyAsync(cluster);
        var standby = await HaCluster.HaStatusAsync(second);
        JsonElement listed = default;
        await first.WaitUntilAsync(async () =>
        {
            listed = (await HaCluster.HaStatusAsync(first)).GetProperty("standbys");
            return listed.GetArrayLength() == 1;
        }, "the leader lists its standby");

        first.Terminate();
        var exit = await first.WaitForExitAsync();
        await second.WaitForHealthyAsync();
        var leader = await HaCluster.HaStatusAsync(second);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.Zero);
            Assert.That(standby.GetProperty("role").GetString(), Is.EqualTo("standby"));
            Assert.That(standby.GetProperty("leader_address").GetString(), Is.EqualTo($"127.0.0.1:{first.Port}"));
            Assert.That(leader.GetProperty("role").GetString(), Is.EqualTo("leader"));
            Assert.That(leader.GetProperty("epoch").GetInt64(), Is.EqualTo(2));
            Assert.That(listed[0].GetProperty("name").GetString(), Is.EqualTo($"master@127.0.0.1:{second.Port}"));
            Assert.That(listed[0].GetProperty("address").GetString(), Is.EqualTo($"127.0.0.1:{second.Port}"));
            Assert.That(listed[0].GetProperty("last_seen").GetInt64(), Is.GreaterThan(0));
            Assert.That(leader.GetProperty("standbys").GetArrayLength(), Is.Zero, "the old leader stopped; the new one does not list itself");
        });
    }

    [Test]
    public async Task StoreStalledUnderTheLeader_ItStepsDownWithoutTheStore_TheStandbyFinishesTheJobOnceItIsBack()
    {
        // Its own server: this test freezes it.
        using var server = await TestPostgres.StartAsync();
        var store = server.CreateDatabase();
        await using var cluster = new HaCluster(store);
        var (first, second, id) = await JobOnTheLeaderAsync(cluster, done: 4);

        server.Freeze();
        int exit;
        try
        {
            // The leader must stop by itself, before its lease could expire, while the store still answers nothing.
            exit = await first.WaitForExitAsync();
        }
        finally
        {
            server.Thaw();
        }

        await second.WaitForHealthyAsync();
        var job = await HaCluster.WaitForJobAsync(second, id);
        var database = Database(store);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(first.Output, Does.Contain("no lease renewal succeeded"));
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), "the worker followed the standby it learned of");
            Assert.That(server.Sql(database, $"SELECT COUNT(*), COUNT(DISTINCT idx) FROM results WHERE job_id = '{id}'"), Is.EqualTo("40|40"), "every task stored once");
            Assert.That(server.Sql(database, "SELECT epoch FROM leader_fence"), Is.EqualTo("2"));
        });
    }

    [Test]
    public async Task Demo_Ha_TheLeaderKilledMidJob_TheStandbyFinishesItExactly()
    {
        var store = _server.CreateDatabase();
        var home = Directory.CreateTempSubdirectory("distsys-demo-home-").FullName;
        try
        {
            // The demo starts and stops its own four nodes; only the demo process is this test's to kill.
            await using var demo = NodeProcess.Start("demo", 0, ["demo", "--ha", "--store", store], new Dictionary<string, string?> { ["HOME"] = home });
            var exit = await demo.WaitForExitAsync(TimeSpan.FromMinutes(3));
            var database = Database(store);

            Assert.Multiple(() =>
            {
                Assert.That(exit, Is.Zero, demo.Output);
                Assert.That(demo.Output, Does.Contain("killed the leader master1"));
                Assert.That(demo.Output, Does.Match(@"master2 answers after \d+\.\d s"));
                Assert.That(demo.Output, Does.Contain("result checked: 400 products"));
                Assert.That(_server.Sql(database, "SELECT COUNT(*), COUNT(DISTINCT idx) FROM results"), Is.EqualTo("40|40"), "every task stored once");
                Assert.That(_server.Sql(database, "SELECT epoch FROM leader_fence"), Is.EqualTo("2"), "one takeover");
            });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Test]
    public async Task Master_StoreUnreachableAtStart_OneLineAndExitOne()
    {
        await using var cluster = new HaCluster($"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Password=never-logged;Database=none");

        var master = cluster.StartMaster();
        var exit = await master.WaitForExitAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(master.Output, Does.Contain("service 'store' did not start"));
            Assert.That(master.Output, Does.Not.Contain("never-logged"));
        });
    }

    private static async Task<(NodeProcess Leader, NodeProcess Standby)> LeaderAndStandbyAsync(HaCluster cluster)
    {
        var first = cluster.StartMaster();
        await first.WaitForHealthyAsync();
        var second = cluster.StartMaster();
        await HaCluster.StandbyAsync(second);
        return (first, second);
    }

    /// <summary>A leader with one worker and a standby; the job is running on the leader, at least <paramref name="done"/> tasks done.</summary>
    private static async Task<(NodeProcess Leader, NodeProcess Standby, string Job)> JobOnTheLeaderAsync(HaCluster cluster, int done)
    {
        var (first, second) = await LeaderAndStandbyAsync(cluster);
        cluster.StartWorker("worker1", first);
        await HaCluster.WorkersActiveAsync(first, 1);
        var id = await HaCluster.SubmitAsync(first, Job);
        await HaCluster.WaitForJobAsync(first, id, j => j.GetProperty("progress").GetProperty("done").GetInt32() >= done);
        return (first, second, id);
    }

    private static string Database(string connectionString) => connectionString.Split("Database=")[1];
}
