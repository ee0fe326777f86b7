using System.Collections.Concurrent;
using System.Net;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using CsCheck;
using DistSys.Integration.Tests.Support;

namespace DistSys.Integration.Tests.Fuzz;

/// <summary>
/// Every REST route of a real master (with a worker joined, so jobs run) under generated hostile
/// requests (<see cref="RequestGen"/>): the node never answers 500 (no 5xx but 502 for a named node it
/// cannot reach, 503 shedding and 507
/// storage full), every refusal it writes is <c>{"error","detail"}</c>, no answer carries the token or
/// the cookie, the node stays up with its memory bounded, and afterwards a real job still runs to the
/// exact result. The routes come from the node's own OpenAPI document, so a route added later is fuzzed
/// too. FUZZ_REQUESTS (default 20 000 here; `make fuzz-api` runs 1 000 000) and FUZZ_SEED (CsCheck's
/// seed, printed on failure) control a run.
/// </summary>
[TestFixture]
[UnsupportedOSPlatform("windows")]
public sealed class ApiFuzzTests
{
    private const long MaxRssBytes = 1L << 30;

    [Test]
    [CancelAfter(30 * 60 * 1000)]
    public async Task EveryRoute_GeneratedRequests_NoServerErrorAndTheNodeKeepsWorking()
    {
        var requests = long.Parse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS") ?? "20000", System.Globalization.CultureInfo.InvariantCulture);
        var seed = Environment.GetEnvironmentVariable("FUZZ_SEED");
        var input = Directory.CreateTempSubdirectory("distsys-fuzz-input-").FullName;
        await File.WriteAllTextAsync(Path.Combine(input, "words.txt"), "a b c a\nb a\n");
        await using var cluster = new TestCluster();
        try
        {
            var master = cluster.StartMaster(extra: ["--api-rate-limit", "0", "--input-dir", input]);
            await master.WaitForHealthyAsync();
            var worker = cluster.StartWorker("worker1");
            await worker.WaitForHealthyAsync();
            var routes = await RoutesAsync(master);
            Assert.That(routes.Select(r => r.Template), Does.Contain("/api/jobs/{id}").And.Contain("/api/streams/{id}/sources/{node}"), "the OpenAPI document lists the routes");

            var statuses = new ConcurrentDictionary<int, long>();
            var peakRss = 0L;
            using var sampling = new CancellationTokenSource();
            var sampler = SampleRssAsync(master.Pid, rss => peakRss = Math.Max(peakRss, rss), sampling.Token);
            var started = DateTime.UtcNow;
            await RequestGen.Requests(routes, worker.Port).SampleAsync(
                async request => statuses.AddOrUpdate(await CheckAsync(master, request), 1, (_, n) => n + 1),
                iter: requests, threads: 4, seed: seed, writeLine: line => TestContext.Out.WriteLine(line));
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            await sampling.CancelAsync();
            await sampler;

            await TestContext.Out.WriteLineAsync($"{requests} requests in {seconds:F1} s ({requests / seconds:F0}/s); statuses: " +
                string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) + $"; master peak RSS {peakRss >> 20} MiB");
            Assert.Multiple(() =>
            {
                Assert.That(master.HasExited, Is.False, "the master survived");
                Assert.That(peakRss, Is.LessThan(MaxRssBytes), "the master's memory stayed bounded");
                Assert.That(master.Output, Does.Not.Contain(TestCluster.ApiToken).And.Not.Contain(TestCluster.Cookie), "no secret in the log");
                Assert.That(statuses.Keys.Where(s => s is >= 200 and < 300), Is.Not.Empty, "some requests reached their handlers and succeeded");
            });
            await AJobStillRunsAsync(master);
        }
        finally
        {
            Directory.Delete(input, recursive: true);
        }
    }

    /// <summary>Sends one request and checks the answer; returns its status.</summary>
    private static async Task<int> CheckAsync(NodeProcess master, FuzzRequest request)
    {
        using var message = request.ToMessage(master.BaseAddress, TestCluster.ApiToken);
        HttpResponseMessage response;
        try
        {
            response = await NodeProcess.SendAsync(message);
        }
        catch (HttpRequestException e) when (request.Body is { Length: > 1 << 20 })
        {
            // The node may refuse an oversized body before it is sent in full and close the connection.
            _ = e;
            return -1;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = request.Method == "HEAD" ? "" : await response.Content.ReadAsStringAsync();
            if (status >= 500 && status is not (502 or 503 or 507))
            {
                Assert.Fail($"{status} for {request}: {Clip(body)}");
            }

            if (body.Contains(TestCluster.ApiToken, StringComparison.Ordinal) || body.Contains(TestCluster.Cookie, StringComparison.Ordinal))
            {
                Assert.Fail($"a secret in the answer to {request}");
            }

            if (status >= 400 && body.Length > 0 && !IsError(body))
            {
                Assert.Fail($"{status} without {{\"error\",\"detail\"}} for {request}: {Clip(body)}");
            }

            return status;
        }
    }

    private static bool IsError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                && json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Clip(string text) => text.Length > 500 ? text[..500] + "…" : text;

    /// <summary>Every operation of the node's OpenAPI document, plus the two routes kept out of it.</summary>
    private static async Task<List<FuzzRoute>> RoutesAsync(NodeProcess master)
    {
        var document = await master.GetJsonAsync("/openapi/v1.json");
        var routes = new List<FuzzRoute> { new("GET", "/metrics", []), new("GET", "/dashboard", []) };
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var query = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToArray()
                    : [];
                routes.Add(new FuzzRoute(operation.Name.ToUpperInvariant(), path.Name, query));
            }
        }

        return routes;
    }

    private static async Task SampleRssAsync(int pid, Action<long> sample, CancellationToken cancel)
    {
        using var period = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            do
            {
                var status = await File.ReadAllLinesAsync($"/proc/{pid}/status", cancel);
                var kib = status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
                sample(long.Parse(kib, System.Globalization.CultureInfo.InvariantCulture) << 10);
            }
            while (await period.WaitForNextTickAsync(cancel));
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    /// <summary>
    /// After the storm every job the fuzz got accepted is ended (the queued ones cancelled, so none is
    /// left hanging), then an ordinary job is accepted, runs on the worker and gives the exact result.
    /// </summary>
    private static async Task AJobStillRunsAsync(NodeProcess master)
    {
        foreach (var state in new[] { "pending", "running" })
        {
            await master.WaitUntilAsync(async () =>
            {
                var page = await master.GetJsonAsync($"/api/jobs?status={state}&limit=1000");
                foreach (var job in page.GetProperty("jobs").EnumerateArray())
                {
                    // A job may end between the list and the cancel (then 409): either way it is no longer queued.
                    using var cancel = master.Request(HttpMethod.Delete, $"/api/jobs/{job.GetProperty("job_id").GetString()}");
                    using var answer = await NodeProcess.SendAsync(cancel);
                }

                return page.GetProperty("total").GetInt32() == 0;
            }, $"no batch job is left {state}", TimeSpan.FromMinutes(5));
        }

        using var submit = master.Request(HttpMethod.Post, "/api/jobs",
            new StringContent("""{"name":"after","config":{"operation":"multiply","factor":3,"task_count":5}}""", Encoding.UTF8, "application/json"));
        using var created = await NodeProcess.SendAsync(submit);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("job_id").GetString();
        await master.WaitUntilAsync(async () => (await master.GetJsonAsync($"/api/jobs/{id}")).GetProperty("status").GetString() == "completed", $"job {id} completes");
        var result = (await master.GetJsonAsync($"/api/jobs/{id}/results")).GetProperty("result");
        Assert.That(result.EnumerateArray().Select(v => v.GetInt64()), Is.EqualTo(Enumerable.Range(1, 50).Select(n => 3L * n)));
    }
}
