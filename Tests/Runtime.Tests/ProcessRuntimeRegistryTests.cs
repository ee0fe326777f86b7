using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeRegistryTests : RuntimeFixture
{
    [Test]
    public void Register_FreeName_WhereisFindsIt()
    {
        var pid = Runtime.Spawn((_, _) => { });
        Runtime.Register("svc", pid);
        Assert.Multiple(() =>
        {
            Assert.That(Runtime.Whereis("svc"), Is.EqualTo(pid));
            Assert.That(Runtime.GetInfo(pid)!.Value.RegisteredName, Is.EqualTo("svc"));
            Assert.That(Runtime.RegisteredNames, Is.EquivalentTo(new[] { "svc" }));
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
                while ((pid = Runtime.Whereis(name)) == Pid.None)
                {
                    Thread.SpinWait(1);
                }

                Runtime.Send(pid, "hello");
            });

            Assert.That(spinning.Wait(Eventually.Liveness), Is.True, "the sender started");
            Runtime.Spawn((_, message) => received.TrySetResult(), new SpawnOptions { Name = name });

            await Eventually.Within(sender);
            await Eventually.Within(received.Task, TimeSpan.FromSeconds(10));
        }
    }

    [Test]
    public void Register_TakenName_ClearErrorNamingTheOwner()
    {
        var owner = Runtime.Spawn((_, _) => { });
        var other = Runtime.Spawn((_, _) => { });
        Runtime.Register("svc", owner);
        var error = Assert.Throws<InvalidOperationException>(() => Runtime.Register("svc", other));
        Assert.That(error!.Message, Does.Contain("'svc' is already registered to " + owner));
    }

    [Test]
    public void Register_SecondNameForSameProcess_Refused()
    {
        var pid = Runtime.Spawn((_, _) => { });
        Runtime.Register("one", pid);
        var error = Assert.Throws<InvalidOperationException>(() => Runtime.Register("two", pid));
        Assert.That(error!.Message, Does.Contain("already registered as 'one'"));
        Assert.That(Runtime.Whereis("two").IsNone, Is.True);
    }

    [Test]
    public async Task Register_DeadProcess_Refused()
    {
        var pid = Runtime.Spawn((_, _) => { });
        Runtime.Exit(pid, ExitReason.Kill);
        await Await.ExitedAsync(Runtime, pid);
        Assert.Throws<InvalidOperationException>(() => Runtime.Register("ghost", pid));
        Assert.That(Runtime.Whereis("ghost").IsNone, Is.True);
    }

    [Test]
    public async Task Register_NameOfDeadProcess_IsReleasedAndReusable()
    {
        var first = Runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" });
        Runtime.Exit(first, ExitReason.Kill);
        await Eventually.True(() => Runtime.Whereis("svc").IsNone, "the name is released");

        var second = Runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" });
        Assert.That(Runtime.Whereis("svc"), Is.EqualTo(second));
    }

    [Test]
    public void Spawn_WithTakenName_ThrowsAndSpawnsNothing()
    {
        Runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" });
        Assert.Throws<InvalidOperationException>(() => Runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" }));
        Assert.That(Runtime.ProcessCount, Is.EqualTo(1));
    }

    [Test]
    public void Unregister_RegisteredName_FreesItForAnother()
    {
        var first = Runtime.Spawn((_, _) => { }, new SpawnOptions { Name = "svc" });
        Assert.That(Runtime.Unregister("svc"), Is.True);
        Assert.That(Runtime.Unregister("svc"), Is.False);
        Assert.That(Runtime.GetInfo(first)!.Value.RegisteredName, Is.Null);
        var second = Runtime.Spawn((_, _) => { });
        Runtime.Register("svc", second);
        Runtime.Register("first-again", first);
        Assert.That(Runtime.Whereis("svc"), Is.EqualTo(second));
    }

    [Test]
    public async Task Register_FromInsideProcess_Works()
    {
        var probe = new Probe(Runtime);
        await probe.RunAsync(c => c.Register("me"));
        Assert.That(Runtime.Whereis("me"), Is.EqualTo(probe.Pid));
    }

    [Test]
    public void Register_EmptyName_Throws()
    {
        var pid = Runtime.Spawn((_, _) => { });
        Assert.Throws<ArgumentException>(() => Runtime.Register("", pid));
    }
}
