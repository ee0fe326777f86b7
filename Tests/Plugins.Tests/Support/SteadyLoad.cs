using System.Collections.Concurrent;
using System.Text;

namespace DistSys.Plugins.Tests.Support;

/// <summary>
/// Several threads calling wordfreq "count" back to back until stopped, recording per thread which
/// version answered each request (in order) and every failure.
/// </summary>
internal sealed class SteadyLoad : IAsyncDisposable
{
    public static readonly byte[] Text = Encoding.UTF8.GetBytes("The cat saw the dog. The end");

    private readonly PluginManager _manager;
    private readonly List<string>[] _versions;
    private readonly Task[] _threads;
    private volatile bool _stop;

    public SteadyLoad(PluginManager manager, int threads)
    {
        _manager = manager;
        _versions = [.. Enumerable.Range(0, threads).Select(_ => new List<string>())];
        _threads = [.. Enumerable.Range(0, threads).Select(thread => Task.Run(() => RunAsync(_versions[thread])))];
    }

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Per thread, the version of each response in order.</summary>
    public IReadOnlyList<List<string>> Versions => _versions;

    /// <summary>How many responses of <paramref name="version"/> the thread that has seen fewest got.</summary>
    public int MinimumCount(string version) => _versions.Min(list => { lock (list) { return list.Count(v => v == version); } });

    public async ValueTask DisposeAsync()
    {
        _stop = true;
        await Eventually.Within(Task.WhenAll(_threads));
    }

    /// <summary>The body each version must answer for <see cref="Text"/>: v1 counts words as written, v2 lower-cased words as JSON.</summary>
    public static string Expected(string version) => version == "1"
        ? "The 2\ncat 1\ndog. 1\nend 1\nsaw 1\nthe 1\n"
        : """{"the":3,"cat":1,"dog":1,"end":1,"saw":1}""";

    private async Task RunAsync(List<string> versions)
    {
        while (!_stop)
        {
            try
            {
                var reply = await _manager.InvokeAsync("wordfreq", "count", Text);
                var body = Encoding.UTF8.GetString(reply.Body);
                if (body != Expected(reply.Version))
                {
                    Failures.Enqueue($"version {reply.Version} answered {body}");
                }

                lock (versions)
                {
                    versions.Add(reply.Version);
                }
            }
            catch (PluginException error)
            {
                Failures.Enqueue(error.Message);
            }
        }
    }
}
