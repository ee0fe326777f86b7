using System.Collections.Concurrent;
using DistSys.Runtime;
using DistSys.Supervision.Tests.Support;

namespace DistSys.Supervision.Tests;

/// <summary>Random crashes in a tree of 1 000 workers; afterwards the tree is exactly as specified.</summary>
public sealed class SupervisorSoakTests
{
    private const int Groups = 8;
    private const int WorkersPerGroup = 125;
    private const int Workers = Groups * WorkersPerGroup;
    private static readonly TimeSpan ChaosTime = TimeSpan.FromSeconds(3);

    private static readonly SupervisorStrategy[] Strategies =
        [SupervisorStrategy.OneForOne, SupervisorStrategy.OneForAll, SupervisorStrategy.RestForOne, SupervisorStrategy.SimpleOneForOne];

    private ProcessRuntime _runtime = null!;
    private ConcurrentDictionary<Pid, byte> _live = null!;
    private readonly ListLogger _log = new();

    [SetUp]
    public void SetUp()
    {
        _runtime = new ProcessRuntime();
        _live = new ConcurrentDictionary<Pid, byte>();
    }

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task RandomCrashes_ThousandWorkersForSeconds_TreeShapeAndLiveCountExactlyAsSpecified()
    {
        var metrics = new SupervisionMetrics();
        var baseline = _runtime.ProcessCount;
        var root = await Supervisor.StartAsync(_runtime, new SupervisorSpec
        {
            Intensity = 1_000,
            Metrics = metrics,
            Children = [.. Enumerable.Range(0, Groups).Select(g => ChildSpec.ForSupervisor($"group{g}", Group(g, metrics)))],
        });
        var groups = await Tree.PidsAsync(_runtime, root);
        foreach (var (id, pid) in groups.Where(g => Strategies[int.Parse(g.Key[5..]) % Strategies.Length] == SupervisorStrategy.SimpleOneForOne))
        {
            for (var i = 0; i < WorkersPerGroup; i++)
            {
                Assert.That((await Supervisor.StartDynamicChildAsync(_runtime, pid, i)).IsOk, Is.True, id);
            }
        }

        await Eventually.True(() => _live.Count == Workers, "all workers run");
        var crashes = await InjectCrashesAsync();

        var deadline = DateTime.UtcNow + Eventually.Liveness;
        while (!(_live.Count == Workers && _runtime.ProcessCount == baseline + 1 + Groups + Workers))
        {
            if (DateTime.UtcNow > deadline)
            {
                var lines = new List<string> { $"live {_live.Count} processes {_runtime.ProcessCount} baseline {baseline}" };
                foreach (var (id, pid) in groups)
                {
                    lines.Add($"{id} {_runtime.GetInfo(pid)}");
                }

                lines.AddRange(_log.Entries.Where(e => e.EventId == 5002).Take(3).Select(e => e.Text));
                lines.Add($"startfailures {metrics.StartFailures} restarts {metrics.Restarts} giveups {metrics.GiveUps}");
                lines.AddRange(_runtime.Processes().Where(p => !_live.ContainsKey(p)).Select(p => _runtime.GetInfo(p)).Where(i => i is { } x && x.Behaviour != "SupervisorProcess").Take(8).Select(i => $"  {i}"));
                Assert.Fail(string.Join("\n", lines));
            }

            await Task.Yield();
        }
        TestContext.Out.WriteLine($"{crashes} crashes injected, {metrics.Restarts} restarts");
        Assert.That(crashes, Is.GreaterThan(100), "the chaos must actually have crashed workers");
        Assert.That(metrics.Restarts, Is.GreaterThan(100));
        Assert.That(metrics.GiveUps, Is.Zero);
        Assert.That(await Tree.PidsAsync(_runtime, root), Is.EqualTo(groups), "no group supervisor was restarted");
        var supervised = new HashSet<Pid>();
        foreach (var group in groups.Values)
        {
            var children = await Supervisor.WhichChildrenAsync(_runtime, group);
            Assert.That(children, Has.Count.EqualTo(WorkersPerGroup));
            supervised.UnionWith(children.Select(c => c.Pid));
        }

        Assert.That(supervised, Is.EquivalentTo(_live.Keys), "every live worker is a supervised child and vice versa");
    }

    /// <summary>Crashes random live workers for a bounded time, letting the tree catch up when many are down.</summary>
    private async Task<int> InjectCrashesAsync()
    {
        var random = new Random(12345);
        var crashes = 0;
        var until = DateTime.UtcNow + ChaosTime;
        while (DateTime.UtcNow < until)
        {
            var live = _live.Keys.ToArray();
            var victims = Enumerable.Range(0, 20).Select(_ => live[random.Next(live.Length)]).Distinct().ToArray();
            foreach (var victim in victims)
            {
                _runtime.Send(victim, TestWorker.Crash);
            }

            crashes += victims.Length;
            await Eventually.True(() => victims.All(v => !_live.ContainsKey(v)), "the crashed workers are gone");
        }

        return crashes;
    }

    private SupervisorSpec Group(int index, SupervisionMetrics metrics)
    {
        var strategy = Strategies[index % Strategies.Length];
        var start = ChildStarts.Linked(_ => new SoakWorker(_live));
        return new SupervisorSpec
        {
            Strategy = strategy,
            Intensity = 1_000_000,
            Period = TimeSpan.FromSeconds(1),
            Metrics = metrics,
            Logger = _log,
            Children = strategy == SupervisorStrategy.SimpleOneForOne
                ? [new ChildSpec("worker", start)]
                : [.. Enumerable.Range(0, WorkersPerGroup).Select(i => new ChildSpec($"w{i}", start))],
        };
    }

    /// <summary>Keeps the set of live workers exact: added in init, removed as it exits.</summary>
    private sealed class SoakWorker(ConcurrentDictionary<Pid, byte> live) : Behaviour
    {
        protected override ValueTask InitAsync(ProcessContext context)
        {
            live[context.Self] = 0;
            return default;
        }

        protected override ValueTask ReceiveAsync(ProcessContext context, object message) =>
            message == TestWorker.Crash ? throw new InvalidOperationException("chaos") : default;

        protected override void Terminate(ProcessContext context, ExitReason reason) => live.TryRemove(context.Self, out _);
    }
}
