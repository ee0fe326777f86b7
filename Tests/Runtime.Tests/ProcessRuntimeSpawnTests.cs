using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeSpawnTests
{
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp() => _runtime = new ProcessRuntime();

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task Spawn_Behaviour_StateIsKeptAcrossMessages()
    {
        var probe = new Probe(_runtime);
        var counter = _runtime.Spawn(new Counter(probe.Pid));
        for (var i = 0; i < 3; i++)
        {
            _runtime.Send(counter, "inc");
        }

        _runtime.Send(counter, "report");
        Assert.That(await probe.ExpectAsync<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task Spawn_BehaviourWithInit_InitRunsBeforeFirstMessage()
    {
        var probe = new Probe(_runtime);
        var pid = _runtime.Spawn(new WithInit(probe.Pid));
        _runtime.Send(pid, "hello");
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("init"));
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("hello"));
    }

    [Test]
    public async Task StartAsync_InitSucceeds_CompletesWithPid()
    {
        var probe = new Probe(_runtime);
        var pid = await _runtime.StartAsync(new WithInit(probe.Pid)).WaitAsync(Eventually.Liveness);
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("init"));
        Assert.That(_runtime.IsAlive(pid), Is.True);
    }

    [Test]
    public void StartAsync_InitThrows_FailsWithTheException()
    {
        var failure = Assert.ThrowsAsync<CallException>(() => _runtime.StartAsync(new FailingInit()).WaitAsync(Eventually.Liveness));
        Assert.That(failure!.Reason.Exception, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task Spawn_AsyncHandler_HandlesOneMessageAtATime()
    {
        var probe = new Probe(_runtime);
        var inside = 0;
        var maxInside = 0;
        var pid = _runtime.Spawn(async (context, message) =>
        {
            var now = Interlocked.Increment(ref inside);
            maxInside = Math.Max(maxInside, now);
            await Task.Yield();
            await Task.Yield();
            Interlocked.Decrement(ref inside);
            context.Send(probe.Pid, message);
        });
        for (var i = 0; i < 50; i++)
        {
            _runtime.Send(pid, i);
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.That(await probe.ExpectAsync<int>(), Is.EqualTo(i));
        }

        Assert.That(maxInside, Is.EqualTo(1));
    }

    [Test]
    public async Task Spawn_HandlerThrows_OnlyThatProcessExitsWithTheException()
    {
        var watcher = new Probe(_runtime);
        var bystander = new Probe(_runtime);
        var crasher = _runtime.Spawn((_, _) => throw new InvalidOperationException("boom"));
        await watcher.RunAsync(c => c.Monitor(crasher));
        _runtime.Send(crasher, "go");

        var down = await watcher.ExpectAsync<Down>();
        Assert.That(down.Reason.Exception?.Message, Is.EqualTo("boom"));
        _runtime.Send(bystander.Pid, "still here");
        Assert.That(await bystander.ExpectAsync<string>(), Is.EqualTo("still here"));
    }

    [Test]
    public async Task Spawn_AsyncHandlerThrowsAfterAwait_ExitsWithTheException()
    {
        var watcher = new Probe(_runtime);
        var crasher = _runtime.Spawn(async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("late boom");
        });
        await watcher.RunAsync(c => c.Monitor(crasher));
        _runtime.Send(crasher, "go");
        Assert.That((await watcher.ExpectAsync<Down>()).Reason.Exception?.Message, Is.EqualTo("late boom"));
    }

    [Test]
    public async Task Stop_InsideHandler_ExitsWithReasonAfterTheMessage()
    {
        var watcher = new Probe(_runtime);
        var pid = _runtime.Spawn((context, _) => context.Stop(ExitReason.Shutdown));
        await watcher.RunAsync(c => c.Monitor(pid));
        _runtime.Send(pid, "stop");
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Shutdown));
    }

    [Test]
    public void Spawn_AfterDispose_Throws()
    {
        _runtime.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _runtime.Spawn((_, _) => { }));
    }

    [Test]
    public void Spawn_OverProcessLimit_ThrowsClearError()
    {
        using var small = new ProcessRuntime(new ProcessRuntimeOptions { MaxProcesses = 2 });
        small.Spawn((_, _) => { });
        small.Spawn((_, _) => { });
        var error = Assert.Throws<InvalidOperationException>(() => small.Spawn((_, _) => { }));
        Assert.That(error!.Message, Does.Contain("process limit"));
    }

    private sealed class Counter(Pid report) : Behaviour
    {
        private int _count;

        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message)
        {
            if (message is "inc")
            {
                _count++;
            }
            else
            {
                context.Send(report, _count);
            }

            return default;
        }
    }

    private sealed class WithInit(Pid report) : Behaviour
    {
        protected internal override async ValueTask InitAsync(ProcessContext context)
        {
            await Task.Yield();
            context.Send(report, "init");
        }

        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message)
        {
            context.Send(report, message);
            return default;
        }
    }

    private sealed class FailingInit : Behaviour
    {
        protected internal override ValueTask InitAsync(ProcessContext context) => throw new InvalidOperationException("no");

        protected internal override ValueTask ReceiveAsync(ProcessContext context, object message) => default;
    }
}
