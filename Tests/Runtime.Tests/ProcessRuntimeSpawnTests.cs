using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeSpawnTests : RuntimeFixture
{
    [Test]
    public async Task Spawn_Behaviour_StateIsKeptAcrossMessages()
    {
        var probe = new Probe(Runtime);
        var counter = Runtime.Spawn(new Counter(probe.Pid));
        for (var i = 0; i < 3; i++)
        {
            Runtime.Send(counter, "inc");
        }

        Runtime.Send(counter, "report");
        Assert.That(await probe.ExpectAsync<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task Spawn_BehaviourWithInit_InitRunsBeforeFirstMessage()
    {
        var probe = new Probe(Runtime);
        var pid = Runtime.Spawn(new WithInit(probe.Pid));
        Runtime.Send(pid, "hello");
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("init"));
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("hello"));
    }

    [Test]
    public async Task StartAsync_InitSucceeds_CompletesWithPid()
    {
        var probe = new Probe(Runtime);
        var pid = await Runtime.StartAsync(new WithInit(probe.Pid)).WaitAsync(Eventually.Liveness);
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("init"));
        Assert.That(Runtime.IsAlive(pid), Is.True);
    }

    [Test]
    public void StartAsync_InitThrows_FailsWithTheException()
    {
        var failure = Assert.ThrowsAsync<CallException>(() => Runtime.StartAsync(new FailingInit()).WaitAsync(Eventually.Liveness));
        Assert.That(failure!.Reason.Exception, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task Spawn_AsyncHandler_HandlesOneMessageAtATime()
    {
        var probe = new Probe(Runtime);
        var inside = 0;
        var maxInside = 0;
        var pid = Runtime.Spawn(async (context, message) =>
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
            Runtime.Send(pid, i);
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
        var watcher = new Probe(Runtime);
        var bystander = new Probe(Runtime);
        var crasher = Runtime.Spawn((_, _) => throw new InvalidOperationException("boom"));
        await watcher.RunAsync(c => c.Monitor(crasher));
        Runtime.Send(crasher, "go");

        var down = await watcher.ExpectAsync<Down>();
        Assert.That(down.Reason.Exception?.Message, Is.EqualTo("boom"));
        Runtime.Send(bystander.Pid, "still here");
        Assert.That(await bystander.ExpectAsync<string>(), Is.EqualTo("still here"));
    }

    [Test]
    public async Task Spawn_AsyncHandlerThrowsAfterAwait_ExitsWithTheException()
    {
        var watcher = new Probe(Runtime);
        var crasher = Runtime.Spawn(async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("late boom");
        });
        await watcher.RunAsync(c => c.Monitor(crasher));
        Runtime.Send(crasher, "go");
        Assert.That((await watcher.ExpectAsync<Down>()).Reason.Exception?.Message, Is.EqualTo("late boom"));
    }

    [Test]
    public async Task Stop_InsideHandler_ExitsWithReasonAfterTheMessage()
    {
        var watcher = new Probe(Runtime);
        var pid = Runtime.Spawn((context, _) => context.Stop(ExitReason.Shutdown));
        await watcher.RunAsync(c => c.Monitor(pid));
        Runtime.Send(pid, "stop");
        Assert.That((await watcher.ExpectAsync<Down>()).Reason, Is.EqualTo(ExitReason.Shutdown));
    }

    [Test]
    public void Spawn_AfterDispose_Throws()
    {
        Runtime.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Runtime.Spawn((_, _) => { }));
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
