using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DistSys.Host;
using DistSys.Host.Cli;
using DistSys.Host.Hosting;
using DistSys.Host.Hosting.Settings;

namespace DistSys.Bench.Metrics;

/// <summary>
/// The cost of one <c>GET /metrics</c> scrape on a real master (the node's own composition, in this
/// OS process so the bench can fill its runtime): first on the empty node (the baseline), then with
/// PROCESSES idle processes spawned and JOBS one-task jobs submitted (pending: no worker joins, so the
/// job gauges count them all). The exporter computes a scrape at most once a second and serves that
/// to scrapers meanwhile, so every sample waits past that cache: each one is a full collection and
/// serialization (the API rate limit is off, so the jobs go in at once). Prints p50/p99 of each phase and their ratio. Not BenchmarkDotNet: one node per run,
/// and the samples are seconds apart by design.
/// </summary>
internal static class ScrapeCost
{
    private static readonly TimeSpan s_cacheExpiry = TimeSpan.FromMilliseconds(1100);

    public static async Task<int> RunAsync(int processes, int jobs, int samples)
    {
        var port = FreeTcpPort();
        var data = Directory.CreateTempSubdirectory("distsys-bench-scrape-").FullName;
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        Environment.SetEnvironmentVariable("DISTSYS_API_TOKEN", token);
        Environment.SetEnvironmentVariable("DISTSYS_COOKIE", Convert.ToHexString(Guid.NewGuid().ToByteArray()));
        var command = (NodeCommand)DistSys.Host.Cli.CommandLine.Parse(["master", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), "--data-dir", data, "--log-level", "warning", "--api-rate-limit", "0"]);
        NodeContext? node = null;
        using var signal = new ShutdownSignal();
        var running = NodeHost.RunAsync(NodeSettingsLoader.Load(command), context =>
        {
            NodeComposition.AddServices(context);
            node = context;
        }, new StartClock(), signal);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await UntilAsync(async () => (await http.GetAsync("/healthz")).IsSuccessStatusCode, running);

        var baseline = await SampleAsync(http, samples);
        var runtime = node!.Cluster.Runtime;
        for (var i = 0; i < processes; i++)
        {
            runtime.Spawn(static (_, _) => { });
        }

        for (var i = 0; i < jobs; i++)
        {
            using var body = new StringContent("""{"name":"scrape","type":"batch","config":{"operation":"sum","task_count":1}}""", Encoding.UTF8, "application/json");
            (await http.PostAsync("/api/jobs", body)).EnsureSuccessStatusCode();
        }

        var loaded = await SampleAsync(http, samples);
        Console.WriteLine($"processes {runtime.ProcessCount:N0}, jobs {jobs:N0}, {samples} uncached scrapes a phase");
        Print("empty node (baseline)", baseline);
        Print($"{processes:N0} processes + {jobs:N0} jobs", loaded);
        Console.WriteLine(FormattableString.Invariant($"ratio p50 {loaded.P50 / baseline.P50:0.00}x, p99 {loaded.P99 / baseline.P99:0.00}x"));
        Directory.Delete(data, recursive: true);
        // The node runs until its process ends: a bench run has nothing else to wait for.
        Environment.Exit(0);
        return 0;
    }

    private static async Task<(double P50, double P99, long Bytes)> SampleAsync(HttpClient http, int samples)
    {
        var times = new double[samples];
        long bytes = 0;
        for (var i = 0; i < samples; i++)
        {
            await Task.Delay(s_cacheExpiry);
            var started = Stopwatch.GetTimestamp();
            var text = await http.GetByteArrayAsync("/metrics");
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            bytes = text.Length;
        }

        Array.Sort(times);
        return (Percentile(times, 0.50), Percentile(times, 0.99), bytes);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Print(string phase, (double P50, double P99, long Bytes) figures) =>
        Console.WriteLine(FormattableString.Invariant($"{phase}: p50 {figures.P50:0.00} ms, p99 {figures.P99:0.00} ms, {figures.Bytes:N0} bytes"));

    private static async Task UntilAsync(Func<Task<bool>> ready, Task<int> running)
    {
        while (!running.IsCompleted)
        {
            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"the node exited with {await running} before it was ready");
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
