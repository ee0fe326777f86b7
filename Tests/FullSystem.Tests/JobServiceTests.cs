using System.Runtime.Versioning;
using System.Text.Json;
using DistSys.FullSystem.Tests.Support;

namespace DistSys.FullSystem.Tests;

/// <summary>The whole system as a user runs it: master + 2 workers as OS processes, jobs over REST and the client.</summary>
public sealed class JobServiceTests
{
    [Test]
    public async Task MultiplyJob_MasterAndTwoWorkers_ExactResultsFromBothWorkers()
    {
        await using var cluster = await JobCluster.StartAsync();

        var id = await cluster.SubmitAsync("""{"operation":"multiply","factor":3,"task_count":50,"range":{"start":1,"end":1000}}""");
        var job = await cluster.WaitForJobAsync(id);
        var result = await cluster.ResultAsync(id);
        var workers = await cluster.Master.GetJsonAsync("/api/workers");

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(result.EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(Enumerable.Range(1, 1000).Select(i => 3L * i)));
            Assert.That(workers.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("completed_tasks").GetInt64()),
                Has.All.GreaterThan(0), "both workers took tasks");
        });
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public async Task FileInput_ReadOnlyFromTheInputRoot_AndTheMastersFilesArePrivate()
    {
        await using var cluster = await JobCluster.StartAsync(workers: 1);
        File.WriteAllText(Path.Combine(cluster.MasterDataDirectory, "inputs", "words.txt"), "b a b\n");

        var id = await cluster.SubmitAsync("""{"operation":"wordcount","file":"words.txt"}""");
        var job = await cluster.WaitForJobAsync(id);
        var counts = await cluster.ResultAsync(id);
        var (status, refusal) = await cluster.PostAsync("/api/jobs", """{"name":"x","type":"batch","config":{"operation":"wordcount","file":"/etc/passwd"}}""");

        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(counts.GetProperty("b").GetInt64(), Is.EqualTo(2));
            Assert.That(status, Is.EqualTo(400));
            Assert.That(refusal.GetProperty("detail").GetString(), Does.Contain("outside the input root").And.Not.Contain("root:"));
            Assert.That(File.GetUnixFileMode(cluster.MasterDataDirectory), Is.EqualTo(owner | UnixFileMode.UserExecute));
            Assert.That(File.GetUnixFileMode(cluster.Database), Is.EqualTo(owner));
        });
    }

    [Test]
    public async Task FileByReference_OneWorkerSeesTheFileOneDoesNot_BothReadTheirSlicesAndTheCountIsExact()
    {
        await using var cluster = await JobCluster.StartAsync(workers: 0);
        var inputs = Path.Combine(cluster.MasterDataDirectory, "inputs");
        var remote = cluster.StartWorker("worker1", maxTasks: 2);
        var local = cluster.StartWorker("worker2", maxTasks: 2, inputDirectory: inputs);
        await Task.WhenAll(remote.WaitForHealthyAsync(), local.WaitForHealthyAsync());
        await cluster.WorkersActiveAsync(2);
        var random = new Random(5);
        string[] words = ["alpha", "Beta", "gamma", "delta's", "épsilon", "zeta", "eta"];
        var lines = Enumerable.Range(0, 60_000).Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 9)).Select(_ => words[random.Next(words.Length)])));
        File.WriteAllLines(Path.Combine(inputs, "corpus.txt"), lines);
        var expected = File.ReadAllText(Path.Combine(inputs, "corpus.txt")).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(w => w.ToLowerInvariant()).ToDictionary(g => g.Key, g => (long)g.Count());

        var id = await cluster.SubmitAsync("""{"operation":"wordcount","file":"corpus.txt","task_count":16}""");
        var job = await cluster.WaitForJobAsync(id);
        var counts = (await cluster.ResultAsync(id)).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var remoteReads = (await remote.GetJsonAsync("/api/status")).GetProperty("services").GetProperty("jobs").GetProperty("metrics");
        var localReads = (await local.GetJsonAsync("/api/status")).GetProperty("services").GetProperty("jobs").GetProperty("metrics");

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
            Assert.That(counts, Is.EqualTo(expected));
            Assert.That(remoteReads.GetProperty("slices_read_locally").GetInt64(), Is.Zero, "worker1 does not see the file");
            Assert.That(localReads.GetProperty("slices_served_by_master").GetInt64(), Is.Zero, "worker2 reads its own");
            Assert.That(remoteReads.GetProperty("slices_served_by_master").GetInt64() + localReads.GetProperty("slices_read_locally").GetInt64(),
                Is.GreaterThanOrEqualTo(16), "every slice read, one way or the other");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task KeyedJob_WorkerKilledDuringMapOrAfterIt_ExactCountsFromTheSurvivor(bool afterTheMaps)
    {
        await using var cluster = await JobCluster.StartAsync(workers: 2);
        var text = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"k{i % 211} shared"));
        File.WriteAllText(Path.Combine(cluster.MasterDataDirectory, "inputs", "keys.txt"), text);
        var expected = text.Split([' ', '\n']).GroupBy(w => w).ToDictionary(g => g.Key, g => (long)g.Count());

        // Every task waits 500 ms first: the kill lands while maps run, or once they are all done while reducers wait.
        var id = await cluster.SubmitAsync("""{"operation":"wordcount","file":"keys.txt","task_count":8,"reducers":4,"delay_ms":500}""");
        await cluster.WaitForJobAsync(id, j => j.GetProperty("progress").GetProperty("done").GetInt32() >= (afterTheMaps ? 8 : 1));
        cluster.Workers["worker1"].Kill();
        var job = await cluster.WaitForJobAsync(id);
        var counts = (await cluster.ResultAsync(id)).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
            Assert.That(counts, Is.EqualTo(expected));
            Assert.That(cluster.Scalar($"SELECT COUNT(*) FROM attempts WHERE job_id = '{id}' AND outcome = 'lost'"), Is.Positive, "the dead worker's work was lost and redone");
        });
    }

    [Test]
    public async Task RegisterOverRest_RunningWorker_MasterDialsItButCannotShrinkIt()
    {
        await using var cluster = await JobCluster.StartAsync(workers: 1);
        var worker2 = cluster.StartWorker("worker2", maxTasks: 4);
        await worker2.WaitForHealthyAsync();
        await cluster.WorkersActiveAsync(2);

        var (status, worker) = await cluster.PostAsync("/api/workers/register", $$"""{"address":"127.0.0.1:{{worker2.Port}}","max_tasks":3}""");
        var listed = (await cluster.Master.GetJsonAsync("/api/workers")).GetProperty("workers").EnumerateArray()
            .Single(w => w.GetProperty("worker_id").GetString() == "worker2");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(201), worker.ToString());
            Assert.That(worker.GetProperty("worker_id").GetString(), Is.EqualTo("worker2"));
            Assert.That(listed.GetProperty("max_tasks").GetInt32(), Is.EqualTo(4), "a live worker's capacity is its own executor's");
        });
    }

    [Test]
    public async Task RegisterOverRest_NoNodeThere_Same502WhateverAnswered()
    {
        await using var cluster = await JobCluster.StartAsync(workers: 0);
        using var closer = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closer.Start();
        var closerPort = ((System.Net.IPEndPoint)closer.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        // Every dial attempt (the connector retries) meets a program that accepts and hangs up at once.
        var closing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var accepted = await closer.AcceptTcpClientAsync(stop.Token);
            }
        });

        var closed = await cluster.PostAsync("/api/workers/register", $$"""{"address":"127.0.0.1:{{closerPort}}"}""");
        var free = FreePort.Next();
        var nothing = await cluster.PostAsync("/api/workers/register", $$"""{"address":"127.0.0.1:{{free}}"}""");
        await stop.CancelAsync();
        Assert.That(async () => await closing, Throws.InstanceOf<OperationCanceledException>());

        Assert.Multiple(() =>
        {
            Assert.That((closed.Status, nothing.Status), Is.EqualTo((502, 502)));
            Assert.That(closed.Body.GetProperty("detail").GetString(), Is.EqualTo($"address: no node of this cluster answered at 127.0.0.1:{closerPort}"));
            Assert.That(nothing.Body.GetProperty("detail").GetString(), Is.EqualTo($"address: no node of this cluster answered at 127.0.0.1:{free}"));
        });
    }

    [Test]
    public async Task KillWorker_MidJob_JobCompletesExactlyWithEveryTaskDoneOnce()
    {
        await using var cluster = await JobCluster.StartAsync(maxTasks: 3);
        var id = await cluster.SubmitAsync("""{"operation":"sleep","sleep_ms":150,"task_count":40}""");
        var victim = cluster.Workers["worker1"];
        await victim.WaitUntilAsync(async () =>
            (await victim.GetJsonAsync("/api/status")).GetProperty("services").GetProperty("jobs").GetProperty("active_tasks").GetInt32() > 0,
            "worker1 is running tasks");

        victim.Kill();
        var job = await cluster.WaitForJobAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
            Assert.That(job.GetProperty("attempts").GetInt32(), Is.GreaterThan(40), "worker1's tasks ran again");
            Assert.That(cluster.Scalar($"SELECT done_count FROM jobs WHERE id = '{id}'"), Is.EqualTo(40));
            Assert.That(cluster.Scalar($"SELECT COUNT(DISTINCT idx) FROM results WHERE job_id = '{id}'"), Is.EqualTo(40));
            Assert.That(cluster.Scalar($"SELECT COUNT(*) FROM results WHERE job_id = '{id}'"), Is.EqualTo(40));
        });
        Assert.That((await cluster.ResultAsync(id)).GetInt64(), Is.EqualTo(40 * 150));
    }

    [Test]
    public async Task KillMaster_MidJob_RestartedMasterCompletesItExactly()
    {
        await using var cluster = await JobCluster.StartAsync(maxTasks: 3);
        var id = await cluster.SubmitAsync("""{"operation":"sleep","sleep_ms":100,"task_count":60}""");
        await cluster.WaitForJobAsync(id, j => j.GetProperty("progress").GetProperty("done").GetInt32() >= 10);

        cluster.Master.Kill();
        await cluster.Master.WaitForExitAsync();
        cluster.StartMaster();
        await cluster.Master.WaitForHealthyAsync();
        var resumed = await cluster.JobAsync(id);
        var job = await cluster.WaitForJobAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(resumed.GetProperty("progress").GetProperty("done").GetInt32(), Is.GreaterThan(0), "completed tasks survived the crash");
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
            Assert.That(cluster.Scalar($"SELECT done_count FROM jobs WHERE id = '{id}'"), Is.EqualTo(60));
            Assert.That(cluster.Scalar($"SELECT COUNT(*) FROM results WHERE job_id = '{id}'"), Is.EqualTo(60));
        });
        Assert.That((await cluster.ResultAsync(id)).GetInt64(), Is.EqualTo(60 * 100));
    }

    [Test]
    public async Task Client_SubmitWaitCancel_ExitCodes()
    {
        await using var cluster = await JobCluster.StartAsync();

        var submitted = await cluster.ClientAsync("submit", "batch", "Multiplicar", """{"operation":"multiply","factor":3,"task_count":5}""", "--json");
        var id = JsonDocument.Parse(submitted.Output).RootElement.GetProperty("job_id").GetString()!;
        var completed = await cluster.ClientAsync("wait", id);
        var slow = JsonDocument.Parse((await cluster.ClientAsync("submit", "batch", "slow", """{"operation":"sleep","sleep_ms":60000,"task_count":2}""", "--json")).Output)
            .RootElement.GetProperty("job_id").GetString()!;
        var timedOut = await cluster.ClientAsync("wait", slow, "--timeout", "0.5");
        var cancel = await cluster.ClientAsync("cancel", slow);
        var cancelled = await cluster.ClientAsync("wait", slow);
        var unknown = await cluster.ClientAsync("status", "job-999");
        var usage = await cluster.ClientAsync("frobnicate");

        Assert.Multiple(() =>
        {
            Assert.That(submitted.Exit, Is.Zero);
            Assert.That(completed.Exit, Is.Zero, completed.Output);
            Assert.That(completed.Output, Does.Contain("result: [3,6,9,"));
            Assert.That(timedOut.Exit, Is.EqualTo(124), timedOut.Output);
            Assert.That(cancel.Exit, Is.Zero, cancel.Output);
            Assert.That(cancelled.Exit, Is.EqualTo(1), cancelled.Output);
            Assert.That(unknown.Exit, Is.EqualTo(1));
            Assert.That(unknown.Output.Trim(), Is.EqualTo("distributed_system: job 'job-999' does not exist"));
            Assert.That(usage.Exit, Is.EqualTo(2));
        });
    }
}
