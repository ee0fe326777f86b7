using System.Collections.Concurrent;
using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeRemoteTests
{
    private ProcessRuntime _runtime = null!;
    private RecordingRouter _router = null!;
    private readonly Pid _remote = new(7, 70, Pid.MakeId(5, 1));

    [SetUp]
    public void SetUp()
    {
        _router = new RecordingRouter();
        _runtime = new ProcessRuntime(new ProcessRuntimeOptions { NodeId = 1 }) { RemoteRouter = _router };
    }

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task Send_RemotePid_GoesThroughRouterWithSender()
    {
        var probe = new Probe(_runtime);
        await probe.RunAsync(c => c.Send(_remote, "over there"));
        Assert.That(_router.Calls, Does.Contain($"send {probe.Pid}->{_remote} over there"));
    }

    [Test]
    public async Task LinkAndMonitor_RemotePid_GoThroughRouter()
    {
        var probe = new Probe(_runtime);
        var reference = await probe.RunAsync(c =>
        {
            c.Link(_remote);
            return c.Monitor(_remote);
        });
        Assert.That(_router.Calls, Is.SupersetOf(new[] { $"link {probe.Pid}->{_remote}", $"monitor {probe.Pid}->{_remote} {reference}" }));
    }

    [Test]
    public async Task NodeDown_LinkedAndMonitoredRemote_NoConnection()
    {
        var trapper = new Probe(_runtime, new SpawnOptions { TrapExit = true });
        var reference = await trapper.RunAsync(c =>
        {
            c.Link(_remote);
            return c.Monitor(_remote);
        });
        _runtime.NodeDown(_remote.Node);
        var first = await trapper.ExpectAsync<object>();
        var second = await trapper.ExpectAsync<object>();
        Assert.That(new[] { first, second }, Is.EquivalentTo(new object[]
        {
            new Down(reference, _remote, ExitReason.NoConnection),
            new ExitMessage(_remote, ExitReason.NoConnection),
        }));
    }

    [Test]
    public async Task DeliverExit_FromRemoteLink_KillsNonTrappingProcess()
    {
        var watcher = new Probe(_runtime);
        var local = new Probe(_runtime);
        await watcher.RunAsync(c => c.Monitor(local.Pid));
        _runtime.DeliverLink(_remote, local.Pid);
        await Await.UntilAsync(() => _runtime.GetInfo(local.Pid)?.Links == 1, "the remote link is set");
        _runtime.DeliverExit(_remote, local.Pid, ExitReason.Custom("remote crash"), fromLink: true);
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Custom("remote crash")));
    }

    [Test]
    public async Task DeliverMonitor_LocalTargetExits_DownGoesToRouter()
    {
        var local = new Probe(_runtime);
        var reference = new MonitorRef(99);
        _runtime.DeliverMonitor(_remote, local.Pid, reference);
        await Await.UntilAsync(() => _runtime.GetInfo(local.Pid)?.Monitors == 1, "the remote monitor is set");
        _runtime.Exit(local.Pid, ExitReason.Shutdown);
        await Await.UntilAsync(() => _router.Calls.Contains($"down {_remote} {reference} {local.Pid} shutdown"), "the DOWN is routed");
    }

    [Test]
    public async Task Link_UnknownNodeWithoutRouter_NoConnection()
    {
        using var alone = new ProcessRuntime();
        var trapper = new Probe(alone, new SpawnOptions { TrapExit = true });
        await trapper.RunAsync(c => c.Link(_remote));
        Assert.That((await trapper.ExpectAsync<ExitMessage>()).Reason, Is.EqualTo(ExitReason.NoConnection));
    }

    private sealed class RecordingRouter : IRemoteRouter
    {
        private readonly ConcurrentQueue<string> _calls = new();

        public IReadOnlyCollection<string> Calls => [.. _calls];

        public void Send(Pid from, Pid to, object message) => _calls.Enqueue($"send {from}->{to} {message}");

        public void Link(Pid from, Pid to) => _calls.Enqueue($"link {from}->{to}");

        public void Unlink(Pid from, Pid to) => _calls.Enqueue($"unlink {from}->{to}");

        public void Exit(Pid from, Pid to, ExitReason reason, bool fromLink) => _calls.Enqueue($"exit {from}->{to} {reason}");

        public void Monitor(Pid watcher, Pid target, MonitorRef reference) => _calls.Enqueue($"monitor {watcher}->{target} {reference}");

        public void Demonitor(Pid watcher, Pid target, MonitorRef reference) => _calls.Enqueue($"demonitor {watcher}->{target} {reference}");

        public void Down(Pid watcher, MonitorRef reference, Pid target, ExitReason reason) =>
            _calls.Enqueue($"down {watcher} {reference} {target} {reason}");
    }
}
