using System.Text;
using System.Text.Json;
using DistSys.Runtime;
using DistSys.Streams.Engine;
using DistSys.Streams.Topology;
using DistSys.Supervision;

namespace DistSys.Streams.Tests.Support;

/// <summary>A master's streaming service in one process: the manager under a supervisor, a data directory of its own.</summary>
internal sealed class StreamHarness : IAsyncDisposable
{
    private StreamHarness(ProcessRuntime runtime, StreamMaster master, Pid supervisor)
    {
        Runtime = runtime;
        Master = master;
        Supervisor = supervisor;
    }

    public ProcessRuntime Runtime { get; }

    public StreamMaster Master { get; }

    public Pid Supervisor { get; }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "distsys-streams-" + Guid.NewGuid().ToString("N"));

    public static async Task<StreamHarness> StartAsync(string? dataDirectory = null, Func<StreamOptions, StreamOptions>? configure = null)
    {
        var directory = dataDirectory ?? NewDataDirectory();
        var options = new StreamOptions { DataDirectory = directory, OutputDirectory = Path.Combine(directory, "outputs") };
        options = configure?.Invoke(options) ?? options;
        var runtime = new ProcessRuntime();
        var master = new StreamMaster(runtime, options);
        var supervisor = await DistSys.Supervision.Supervisor.StartAsync(runtime, new SupervisorSpec
        {
            Intensity = 10,
            Period = TimeSpan.FromSeconds(10),
            Children = [master.ManagerSpec],
        });
        return new StreamHarness(runtime, master, supervisor);
    }

    public static TopologySpec Parse(string configJson)
    {
        using var document = JsonDocument.Parse(configJson);
        var (topology, error) = TopologyParser.Parse(document.RootElement, _ => (null, "no input root"));
        Assert.That(error, Is.Null, $"topology refused: {error}");
        return topology!;
    }

    public async Task<StreamHandle> SubmitAsync(string configJson)
    {
        using var document = JsonDocument.Parse(configJson);
        var topology = document.RootElement.GetProperty("topology").GetRawText();
        var (parsed, error) = TopologyParser.Parse(document.RootElement, Master.Options.ResolveInput);
        Assert.That(error, Is.Null, $"topology refused: {error}");
        return await Master.CallAsync<StreamHandle>(new SubmitStream("test", parsed!, $"{{\"topology\":{topology}}}"));
    }

    public async Task<StreamHandle> AwaitStatusAsync(StreamHandle stream, StreamStatus status)
    {
        await Eventually.True(() => Master.Streams[stream.Id].Status == status, $"{stream.Id} {status.Name()} (is {Master.Streams[stream.Id].Status.Name()})");
        return Master.Streams[stream.Id];
    }

    /// <summary>Every event a collect sink holds, parsed.</summary>
    public List<JsonElement> Collected(string job, string node)
    {
        var all = new List<JsonElement>();
        long from = 0;
        while (true)
        {
            var page = Master.Store.ReadCollected(job, node, from, 1000);
            if (page.Events.Count == 0)
            {
                return all;
            }

            all.AddRange(page.Events.Select(e => JsonDocument.Parse(Encoding.UTF8.GetString(e)).RootElement.Clone()));
            from = page.Next;
        }
    }

    /// <summary>The last value emitted per key: a running aggregate's final result.</summary>
    public Dictionary<string, double> Final(string job, string node, string key, string value) =>
        Collected(job, node).GroupBy(e => e.GetProperty(key).ToString()).ToDictionary(g => g.Key, g => g.Last().GetProperty(value).GetDouble());

    /// <summary>Kills every process at once (a crash: nothing is flushed), keeping the data directory.</summary>
    public async Task CrashAsync()
    {
        Runtime.Dispose();
        await Eventually.True(() => Runtime.ProcessCount == 0, "every process exited");
        Master.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await CrashAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Master.Options.DataDirectory))
        {
            Directory.Delete(Master.Options.DataDirectory, recursive: true);
        }
    }
}
