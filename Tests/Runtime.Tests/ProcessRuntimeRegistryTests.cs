using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeRegistryTests
{
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp() => _runtime = new ProcessRuntime();

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public void Register_FreeName_WhereisFindsIt()
    {
        var pid = _runtime.Spawn((_, _) => { });
        _runtime.Register("svc", pid);
        Assert.Multiple(() =>
        {
            Assert.That(_runtime.Whereis("svc"), Is.EqualTo(pid));
            Assert.That(_runtime.GetInfo(pid)!.Value.RegisteredName, Is.EqualTo("svc"));
            Assert.That(_runtime.RegisteredNames, Is.EquivalentTo(new[] { "svc" }));
        });
    }

    [Test]
    public async Task Spawn_WithName_ReceivesWhatIsSentAsSoonAsTheNameResolves()
    {
        // A sender on another thread races each spawn: the moment Whereis finds the name, a send to
        // that pid must reach the process (it once could be dropped: name claimed before publication).
        for (var round = 0; round < 2_000; round++)
        {
            var name = $"svc{round}";
            var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var spinning = new ManualResetEventSlim();
            var sender = Task.Run(() =>
            {
                spinning.Set();
                Pid pid;
                while ((pid = _runtime.Whereis(name)) == Pid.None)
                {
                    Thread.SpinWait(1);
                }

                _runtime.Send(pid, "hello");
            });

            Assert.That(spinning.Wait(Eventually.Liveness), Is.True, "the sender started");
            _runtime.Spawn((_, message) => received.TrySetResult(), new SpawnOptions { Name = name });

            await Eventually.Within(sender);
            await Eventually.Within(received.Task, TimeSpan.FromSeconds(10));
        }
    }

    [Test]
    public void Register_TakenName_ClearErrorNamingTheOwner()
    {
        var owner = _runtime.Spawn((_, _) => { });
        var other = _runtime.Spawn((_, _) => { });
        _runtime.Register("svc", owner);
        var error = Assert.Throws<InvalidOperationException>(() => _runtime.Register("svc", other));
        Assert.That(error!.Message, Does.Contain("'svc' is already registered to " + owner));
    }

    [Test]
    public void Register_SecondNameForSameProcess_Refused()
    {
        var pid = _runtime.Spawn((_, _) => { });
        _runtime.Register("one", pid);
        var error = Assert.Throws<InvalidOperationException>(() => _runtime.Register("two", pid));
        Assert.That(error!.Message, Does.Contain("already registered as 'one'"));
        Assert.That(_runtime.Whereis("two").IsNone, Is.True);
    }

    [Test]
    public async Task Register_DeadProcess_Refused()
    {
        var pid = _runtime.Spawn((_, _) => { });
        _runtime.Exit(pid, ExitReason.Kill);
        await Await.ExitedAsync(_runtime, pid);
        Assert.Throws<InvalidOperationException>(() => _runtime.Register("ghost", pid));
        Assert.That(_runtime.Whereis("ghost").IsNone, Is.True);
    }

    [Test]
    public async Task Register_NameOfDeadProcess_IsReleasedAndReusable()
    {
        var first = _runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" });
        _runtime.Exit(first, ExitReason.Kill);
        await Eventually.True(() => _runtime.Whereis("svc").IsNone, "the name is released");

        var second = _runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" });
        Assert.That(_runtime.Whereis("svc"), Is.EqualTo(second));
    }

    [Test]
    public void Spawn_WithTakenName_ThrowsAndSpawnsNothing()
    {
        _runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" });
        Assert.Throws<InvalidOperationException>(() => _runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" }));
        Assert.That(_runtime.ProcessCount, Is.EqualTo(1));
    }

    [Test]
    public void Unregister_RegisteredName_FreesItForAnother()
    {
        var first = _runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" });
        Assert.That(_runtime.Unregister("svc"), Is.True);
        Assert.That(_runtime.Unregister("svc"), Is.False);
        Assert.That(_runtime.GetInfo(first)!.Value.RegisteredName, Is.Null);
        var second = _runtime.Spawn((_, _) => { });
        _runtime.Register("svc", second);
        _runtime.Register("first-again", first);
        Assert.That(_runtime.Whereis("svc"), Is.EqualTo(second));
    }

    [Test]
    public async Task Register_FromInsideProcess_Works()
    {
        var probe = new Probe(_runtime);
        await probe.RunAsync(c => c.Register("me"));
        Assert.That(_runtime.Whereis("me"), Is.EqualTo(probe.Pid));
    }

    [Test]
    public void Register_EmptyName_Throws()
    {
        var pid = _runtime.Spawn((_, _) => { });
        Assert.Throws<ArgumentException>(() => _runtime.Register("", pid));
    }
}
