using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class ProcessRuntimeTimersTests
{
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp() => _runtime = new ProcessRuntime();

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task SendAfter_Delay_MessageArrivesAndTimerIsReleased()
    {
        var probe = new Probe(_runtime);
        var timer = _runtime.SendAfter(probe.Pid, "tick", TimeSpan.FromMilliseconds(20));
        Assert.That(await probe.ExpectAsync<string>(), Is.EqualTo("tick"));
        Assert.That(timer.IsActive, Is.False);
        Assert.That(_runtime.GetInfo(probe.Pid)!.Value.Timers, Is.Zero);
    }

    [Test]
    public async Task CancelTimer_BeforeItFires_NoMessageAndMessageCollectable()
    {
        var probe = new Probe(_runtime);
        var weak = StartLongTimer(probe.Pid, out var timer);
        Assert.That(_runtime.GetInfo(probe.Pid)!.Value.Timers, Is.EqualTo(1));

        Assert.That(ProcessRuntime.CancelTimer(timer), Is.True);
        Assert.That(ProcessRuntime.CancelTimer(timer), Is.False, "a second cancel finds nothing");
        Assert.That(_runtime.GetInfo(probe.Pid)!.Value.Timers, Is.Zero);
        await Await.UntilAsync(() => Collected(weak), "the timer's message is garbage");
    }

    [Test]
    public async Task SendAfter_TargetDies_TimerCancelledAndReleased()
    {
        var target = _runtime.Spawn((_, _) => { });
        var weak = StartLongTimer(target, out var timer);
        _runtime.Exit(target, ExitReason.Kill);
        await Await.ExitedAsync(_runtime, target);
        await Await.UntilAsync(() => !timer.IsActive, "death cancels the timer");
        Assert.That(ProcessRuntime.CancelTimer(timer), Is.False);
        await Await.UntilAsync(() => Collected(weak), "the timer's message is garbage");
    }

    [Test]
    public async Task SendAfter_DeadTarget_InactiveTimer()
    {
        var target = _runtime.Spawn((_, _) => { });
        _runtime.Exit(target, ExitReason.Kill);
        await Await.ExitedAsync(_runtime, target);
        Assert.That(_runtime.SendAfter(target, "late", TimeSpan.FromMilliseconds(1)).IsActive, Is.False);
    }

    [Test]
    public async Task SetReceiveTimeout_NoMessages_ReceiveTimeoutArrivesRepeatedly()
    {
        var probe = new Probe(_runtime);
        await probe.RunAsync(c => c.SetReceiveTimeout(TimeSpan.FromMilliseconds(10)));
        Assert.That(await probe.ExpectAsync<ReceiveTimeout>(), Is.SameAs(ReceiveTimeout.Instance));
        Assert.That(await probe.ExpectAsync<ReceiveTimeout>(), Is.SameAs(ReceiveTimeout.Instance));
        await probe.RunAsync(c => c.SetReceiveTimeout(null));
        probe.Drain();
        _runtime.Send(probe.Pid, "marker");
        Assert.That(await probe.ExpectAsync<object>(), Is.EqualTo("marker"));
    }

    [Test]
    public async Task SetReceiveTimeout_MessagesKeepComing_NoTimeout()
    {
        var timeouts = 0;
        var handled = 0;
        var pid = _runtime.Spawn((context, message) =>
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
        _runtime.Send(pid, "arm");
        for (var i = 0; i < 100; i++)
        {
            _runtime.Send(pid, i);
        }

        await Await.UntilAsync(() => Volatile.Read(ref handled) == 101, "all handled");
        Assert.That(timeouts, Is.Zero);
    }

    private WeakReference StartLongTimer(Pid target, out TimerRef timer)
    {
        var message = new object();
        timer = _runtime.SendAfter(target, message, TimeSpan.FromHours(1));
        return new WeakReference(message);
    }

    private static bool Collected(WeakReference weak)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return !weak.IsAlive;
    }
}
