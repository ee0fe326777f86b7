using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeTimersTests : RuntimeFixture
{
    [Test]
    public async Task SendAfter_Delay_MessageArrivesAndTimerIsReleased()
    {
        var probe = new Probe(Runtime);
        var timer = Runtime.SendAfter(probe.Pid, "tick", TimeSpan.FromMilliseconds(20));
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("tick"));
        Assert.That(timer.IsActive, Is.False);
        Assert.That(Runtime.GetInfo(probe.Pid)!.Value.Timers, Is.Zero);
    }

    [Test]
    public async Task CancelTimer_BeforeItFires_NoMessageAndMessageCollectable()
    {
        var probe = new Probe(Runtime);
        var weak = StartLongTimer(probe.Pid, out var timer);
        Assert.That(Runtime.GetInfo(probe.Pid)!.Value.Timers, Is.EqualTo(1));

        Assert.That(ProcessRuntime.CancelTimer(timer), Is.True);
        Assert.That(ProcessRuntime.CancelTimer(timer), Is.False, "a second cancel finds nothing");
        Assert.That(Runtime.GetInfo(probe.Pid)!.Value.Timers, Is.Zero);
        await Eventually.True(() => Collected(weak), "the timer's message is garbage");
    }

    [Test]
    public async Task SendAfter_TargetDies_TimerCancelledAndReleased()
    {
        var target = Runtime.Spawn((_, _) => { });
        var weak = StartLongTimer(target, out var timer);
        Runtime.Exit(target, ExitReason.Kill);
        await Await.ExitedAsync(Runtime, target);
        await Eventually.True(() => !timer.IsActive, "death cancels the timer");
        Assert.That(ProcessRuntime.CancelTimer(timer), Is.False);
        await Eventually.True(() => Collected(weak), "the timer's message is garbage");
    }

    [Test]
    public async Task SendAfter_DeadTarget_InactiveTimer()
    {
        var target = Runtime.Spawn((_, _) => { });
        Runtime.Exit(target, ExitReason.Kill);
        await Await.ExitedAsync(Runtime, target);
        Assert.That(Runtime.SendAfter(target, "late", TimeSpan.FromMilliseconds(1)).IsActive, Is.False);
    }

    [Test]
    public async Task SetReceiveTimeout_NoMessages_ReceiveTimeoutArrivesRepeatedly()
    {
        var probe = new Probe(Runtime);
        await probe.RunAsync(c => c.SetReceiveTimeout(TimeSpan.FromMilliseconds(10)));
        Assert.That(await probe.ExpectAsync<ReceiveTimeout>(), Is.SameAs(ReceiveTimeout.Instance));
        Assert.That(await probe.ExpectAsync<ReceiveTimeout>(), Is.SameAs(ReceiveTimeout.Instance));
        await probe.RunAsync(c => c.SetReceiveTimeout(null));
        probe.Drain();
        Runtime.Send(probe.Pid, "marker");
        Assert.That(await probe.ExpectAsync<object>(), Is.EqualTo("marker"));
    }

    [Test]
    public async Task SetReceiveTimeout_MessagesKeepComing_NoTimeout()
    {
        var timeouts = 0;
        var handled = 0;
        var pid = Runtime.Spawn((context, message) =>
        {
            if (message is ReceiveTimeout)
            {
                timeouts++;
            }
            else if (message is "arm")
            {
                context.SetReceiveTimeout(TimeSpan.FromSeconds(30));
            }

            handled++;
        });
        Runtime.Send(pid, "arm");
        for (var i = 0; i < 100; i++)
        {
            Runtime.Send(pid, i);
        }

        await Eventually.True(() => Volatile.Read(ref handled) == 101, "all handled");
        Assert.That(timeouts, Is.Zero);
    }

    private WeakReference StartLongTimer(Pid target, out TimerRef timer)
    {
        var message = new object();
        timer = Runtime.SendAfter(target, message, TimeSpan.FromHours(1));
        return new WeakReference(message);
    }

    private static bool Collected(WeakReference weak)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return !weak.IsAlive;
    }
}
