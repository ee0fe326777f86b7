namespace DistSys.Chaos.Tests;

/// <summary>The machine running out of something while work runs: the node refuses new work clearly, keeps what it accepted, and recovers.</summary>
[TestFixture]
internal sealed class ResourceExhaustionTests
{
    private const string Job = """{"operation":"sleep","sleep_ms":150,"task_count":80,"max_retries":10}""";

    [Test]
    public async Task DiskFull_NewJobs507_TheRunningJobIsKeptAndFinishesWhenSpaceReturns()
    {
        await using var cluster = await ChaosCluster.StartAsync(masterDiskMib: 16);
        var id = await cluster.SubmitAsync(Job);
        var worker = cluster.Workers["worker1"];
        await worker.WaitUntilAsync(async () => await ChaosCluster.ActiveTasksAsync(worker) > 0, "worker1 is running tasks");

        var filler = Path.Combine(cluster.MasterDataDirectory, "filler");
        Fill(filler);
        var (status, refused) = await cluster.PostJobAsync(Job);
        await cluster.Master.WaitForLineAsync("job store full");
        var healthy = await cluster.Master.TryGetStatusAsync("/healthz");

        File.Delete(filler);
        var job = await cluster.WaitForJobAsync(id);
        await cluster.Master.WaitForLineAsync("job store writable again");
        var next = await cluster.SubmitAsync(Job);
        var nextJob = await cluster.WaitForJobAsync(next);

        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(507), refused.ToString());
            Assert.That(refused.GetProperty("error").GetString(), Is.EqualTo("storage_full"));
            Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("free").And.Not.Contain(cluster.MasterDataDirectory), "no path in the answer");
            Assert.That(healthy, Is.EqualTo(System.Net.HttpStatusCode.OK), "the master lives through the full disk");
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("completed"), job.ToString());
            Assert.That(cluster.Scalar($"SELECT done_count FROM jobs WHERE id = '{id}'"), Is.EqualTo(80));
            Assert.That(cluster.Scalar($"SELECT COUNT(*) FROM results WHERE job_id = '{id}'"), Is.EqualTo(80));
            Assert.That(await cluster.ResultAsync(id), Is.EqualTo(80 * 150), "nothing accepted was lost");
            Assert.That(nextJob.GetProperty("status").GetString(), Is.EqualTo("completed"), "new jobs are accepted again");
        });
    }

    /// <summary>Writes zeros to <paramref name="path"/> until the file system has no byte left.</summary>
    private static void Fill(string path)
    {
        var chunk = new byte[64 * 1024];
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // ENOSPC: the disk is full, as intended.
        }
    }

    [Test]
    public async Task DescriptorLimit_NewConnectionsRefusedAndLogged_OpenOnesWork_TheNodeSurvives()
    {
        var home = Directory.CreateTempSubdirectory("distsys-fd-").FullName;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DISTSYS_COOKIE"] = "fd-cookie",
            ["DISTSYS_API_TOKEN"] = "fd-api-token-0123456789",
            ["DISTSYS_DATA_DIR"] = Path.Combine(home, "master"),
        };
        var flood = new List<System.Net.Sockets.Socket>();
        await using var master = NodeProcess.Start("master", port, ["master", "127.0.0.1", $"{port}"], environment, launcher: ["prlimit", "--nofile=400:400"]);
        try
        {
            await master.WaitForHealthyAsync();
            using var open = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = master.BaseAddress };
            Assert.That((await open.GetAsync("/healthz")).IsSuccessStatusCode, Is.True);

            // Far more connections than 400 descriptors allow: the node must refuse the excess, not run out.
            for (var i = 0; i < 600; i++)
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                flood.Add(socket);
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
            }

            await master.WaitForLineAsync("rejected because the maximum number of concurrent connections has been reached");
            var during = await open.GetAsync("/healthz");
            flood.ForEach(s => s.Dispose());
            flood.Clear();
            await master.WaitForHealthyAsync();

            Assert.Multiple(() =>
            {
                Assert.That(master.HasLine("lowered to"), Is.True, "the node says it fitted max_connections to the descriptor limit");
                Assert.That(during.IsSuccessStatusCode, Is.True, "a connection opened before the flood keeps working");
                Assert.That(master.HasExited, Is.False, "the node survives");
            });
        }
        finally
        {
            flood.ForEach(s => s.Dispose());
            Directory.Delete(home, recursive: true);
        }
    }

    [TestCase(32, 503)]
    [TestCase(1_000_000, 201)]
    public async Task MaxMemory_NewWorkRefusedWith503AtTheBound_ReadsGoOn(int maxMemoryMib, int expected)
    {
        var home = Directory.CreateTempSubdirectory("distsys-mem-").FullName;
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DISTSYS_COOKIE"] = "mem-cookie",
            ["DISTSYS_API_TOKEN"] = "mem-api-token-0123456789",
            ["DISTSYS_DATA_DIR"] = Path.Combine(home, "master"),
        };
        try
        {
            // A master idles well above 32 MiB resident: it is over its bound from the start.
            await using var master = NodeProcess.Start("master", port, ["master", "127.0.0.1", $"{port}", "--max-memory", $"{maxMemoryMib}"], environment);
            await master.WaitForHealthyAsync();
            using var content = new StringContent("""{"name":"m","type":"batch","config":{"operation":"multiply","factor":2,"task_count":1,"data":[1]}}""",
                System.Text.Encoding.UTF8, "application/json");
            using var submit = await NodeProcess.SendAsync(master.Request(HttpMethod.Post, "/api/jobs", content));
            var body = System.Text.Json.JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement;
            var list = await master.TryGetStatusAsync("/api/jobs");

            Assert.Multiple(() =>
            {
                Assert.That((int)submit.StatusCode, Is.EqualTo(expected), body.ToString());
                Assert.That(list, Is.EqualTo(System.Net.HttpStatusCode.OK), "reads go on");
                if (expected == 503)
                {
                    Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("overloaded"));
                    Assert.That(body.GetProperty("detail").GetString(), Does.Contain($"max_memory ({maxMemoryMib} MiB)"));
                    Assert.That(submit.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
                }
            });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
