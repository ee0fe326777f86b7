using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace DistSys.Bench.Jobs;

/// <summary>
/// A master and two workers as separate OS processes on 127.0.0.1 (<c>dotnet distributed_system.dll</c>
/// built beside the benchmarks), persistence on, each worker running up to <c>max_tasks</c> tasks at
/// once; and the HTTP calls the benchmarks make. Disposing kills the three processes by pid.
/// </summary>
internal sealed class LoopbackJobNodes : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("distsys-bench-jobs-").FullName;

    // The nodes' own token, so a bench never reads or creates ~/.distsys.token.
    private readonly string _token = DistSys.Host.Api.Security.ApiToken.NewRandomText();

    public LoopbackJobNodes(int maxTasks)
    {
        MasterPort = FreePort();
        Start("master", MasterPort, maxTasks, "master", "127.0.0.1", $"{MasterPort}");
        foreach (var name in (string[])["worker1", "worker2"])
        {
            var port = FreePort();
            Start(name, port, maxTasks, name, "127.0.0.1", $"{port}", "127.0.0.1", $"{MasterPort}");
        }

        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{MasterPort}/"), Timeout = TimeSpan.FromMinutes(2) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        try
        {
            Until(() => Json("api/workers").GetProperty("workers").EnumerateArray().Count(w => w.GetProperty("status").GetString() == "active") == 2);
        }
        catch (TimeoutException)
        {
            // BenchmarkDotNet runs no cleanup after a failed setup: stop what was started before failing.
            var output = string.Join('\n', _output.TakeLast(40));
            Dispose();
            throw new TimeoutException($"the workers did not register within a minute; the nodes wrote:\n{output}");
        }
    }

    public int MasterPort { get; }

    public HttpClient Http { get; }

    /// <summary>POST /api/jobs; returns the job id once the master answered (the job is durable by then).</summary>
    public string Submit(string config)
    {
        using var content = new StringContent($$"""{"name":"bench","type":"batch","config":{{config}}}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = Http.PostAsync("api/jobs", content).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.GetProperty("job_id").GetString()!
            : throw new InvalidOperationException($"submit failed: {body}");
    }

    public JsonElement Json(string path)
    {
        try
        {
            return JsonDocument.Parse(Http.GetStringAsync(path).GetAwaiter().GetResult()).RootElement.Clone();
        }
        catch (HttpRequestException)
        {
            return default;
        }
    }

    /// <summary>Polls (every <paramref name="pollMs"/> ms, a minute at most) until <paramref name="condition"/> holds.</summary>
    public static void Until(Func<bool> condition, int pollMs = 20)
    {
        var started = Stopwatch.GetTimestamp();
        while (!Safe(condition))
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException("the benchmark's cluster did not get there within a minute");
            }

            Thread.Sleep(pollMs);
        }
    }

    public void Dispose()
    {
        Http?.Dispose();
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static bool Safe(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or HttpRequestException
            or TaskCanceledException or JsonException)
        {
            // Not there yet: the node is starting, or answered before it had the data.
            return false;
        }
    }

    private void Start(string name, int port, int maxTasks, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Path.GetDirectoryName(typeof(DistSys.Host.ExitCodes).Assembly.Location)!, "distributed_system.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DISTSYS_COOKIE"] = "bench-jobs-cookie";
        info.Environment["DISTSYS_DATA_DIR"] = Path.Combine(_dir, name);
        info.Environment["DISTSYS_LOG_LEVEL"] = "warning";
        info.Environment["DISTSYS_API_TOKEN"] = _token;

        // The bench measures the job service, not the per-address rate limit (200 requests/s by default).
        info.Environment["DISTSYS_API_RATE_LIMIT"] = "0";
        info.Environment["DISTSYS_JOBS__MAX_TASKS"] = $"{maxTasks}";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Keep(name, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        try
        {
            Until(() => Http0(port));
        }
        catch (TimeoutException)
        {
            Dispose();
            throw;
        }
    }

    private void Keep(string name, string? line)
    {
        if (line is not null)
        {
            _output.Enqueue($"{name}: {line}");
        }
    }

    private static bool Http0(int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        return client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz")).GetAwaiter().GetResult().IsSuccessStatusCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
