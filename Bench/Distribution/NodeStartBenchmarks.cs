using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace DistSys.Bench.Distribution;

/// <summary>
/// Node start to ready as a user sees it: from starting the OS process to the first 200 on
/// GET /healthz (listening, services started; a master has nothing to join). One cold process per
/// iteration. The baseline is the floor any .NET executable pays: the same executable started to
/// print its version and exit (runtime start, no Kestrel, no cluster core). <see cref="Executable"/>
/// is the JIT build beside the benchmarks (<c>dotnet distributed_system.dll</c>, what the tests run)
/// or the ReadyToRun apphost that ./build.sh publishes to bin/ (what users run).
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 2, iterationCount: 20, invocationCount: 1)]
public class NodeStartBenchmarks
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) });

    private readonly string _dataDir = Directory.CreateTempSubdirectory("distsys-bench-start-").FullName;
    private Process? _node;
    private int _port;

    [Params("dll", "bin")]
    public string Executable { get; set; } = "dll";

    [IterationSetup]
    public void PickPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        _port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [IterationCleanup]
    public void KillNode()
    {
        if (_node is { } node)
        {
            node.Kill();
            node.WaitForExit();
            node.Dispose();
            _node = null;
        }
    }

    [GlobalCleanup]
    public void RemoveDataDir() => Directory.Delete(_dataDir, recursive: true);

    [Benchmark(Baseline = true)]
    public int ProcessStartToExit()
    {
        using var process = Process.Start(StartInfo("--version"))!;
        process.WaitForExit();
        return process.ExitCode;
    }

    [Benchmark]
    public HttpStatusCode MasterStartToHealthy()
    {
        _node = Process.Start(StartInfo("master", "127.0.0.1", $"{_port}"))!;
        var healthz = new Uri($"http://127.0.0.1:{_port}/healthz");
        while (true)
        {
            try
            {
                using var response = Http.GetAsync(healthz).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return response.StatusCode;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            // A millisecond between polls: a tight loop would take a core from the node it is timing.
            Thread.Sleep(1);
        }
    }

    private ProcessStartInfo StartInfo(params string[] args)
    {
        var info = Executable == "bin" ? new ProcessStartInfo(PublishedExecutable()) : new ProcessStartInfo("dotnet");
        if (Executable != "bin")
        {
            info.ArgumentList.Add(Path.Combine(Path.GetDirectoryName(typeof(DistSys.Host.ExitCodes).Assembly.Location)!, "distributed_system.dll"));
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["DISTSYS_COOKIE"] = "bench-cookie";
        info.Environment["DISTSYS_API_TOKEN"] = "bench-api-token-0123456789";
        info.Environment["DISTSYS_DATA_DIR"] = _dataDir;
        info.Environment["DISTSYS_LOG_LEVEL"] = "warning";
        return info;
    }

    private static string PublishedExecutable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bin", "distributed_system");
            if (File.Exists(Path.Combine(dir.FullName, "build.sh")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("bin/distributed_system not found: run ./build.sh first");
    }
}
