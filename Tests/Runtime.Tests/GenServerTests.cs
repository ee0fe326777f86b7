using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class GenServerTests : RuntimeFixture
{
    [Test]
    public async Task GenServer_InitCallCastInfo_EachReachesItsHandler()
    {
        var server = await Runtime.StartAsync(new KeyValue()).WaitAsync(Eventually.Liveness);
        Runtime.Cast(server, ("put", "a", 1));
        Runtime.Send(server, "clear-b");
        Assert.That(await Runtime.CallAsync<int?>(server, "a", Eventually.Liveness), Is.EqualTo(1));
        Assert.That(await Runtime.CallAsync<int?>(server, "seeded", Eventually.Liveness), Is.EqualTo(42));
        Assert.That(await Runtime.CallAsync<int?>(server, "infos", Eventually.Liveness), Is.EqualTo(1));
    }

    [Test]
    public async Task GenServer_AsyncCallHandler_RepliesAfterAwait()
    {
        var server = Runtime.Spawn(new KeyValue());
        Assert.That(await Runtime.CallAsync<int?>(server, "slow", Eventually.Liveness), Is.EqualTo(7));
    }

    [Test]
    public async Task GenServer_Stops_TerminateRunsWithReason()
    {
        var probe = new Probe(Runtime);
        var server = Runtime.Spawn(new KeyValue(probe.Pid));
        Runtime.Exit(server, ExitReason.Shutdown);
        Assert.That(await probe.ExpectAsync<ExitReason>(), Is.EqualTo(ExitReason.Shutdown));
    }

    [Test]
    public void GenServer_UnhandledCall_CallFailsWithNotSupported()
    {
        var server = Runtime.Spawn(new Bare());
        var error = Assert.ThrowsAsync<CallException>(() => Runtime.CallAsync<object>(server, "x", Eventually.Liveness));
        Assert.That(error!.Reason.Exception, Is.InstanceOf<NotSupportedException>());
    }

    private sealed class Bare : GenServer
    {
    }

    private sealed class KeyValue(Pid terminateReport = default) : GenServer
    {
        private readonly Dictionary<string, int> _values = [];
        private int _infos;

        protected internal override ValueTask InitAsync(ProcessContext context)
        {
            _values["seeded"] = 42;
            return default;
        }

        protected override async ValueTask<object?> HandleCallAsync(ProcessContext context, object request)
        {
            switch (request)
            {
                case "infos":
                    return _infos;
                case "slow":
                    await Task.Yield();
                    return 7;
                default:
                    return _values.TryGetValue((string)request, out var v) ? v : null;
            }
        }

        protected override ValueTask HandleCastAsync(ProcessContext context, object message)
        {
            var (_, key, value) = ((string, string, int))message;
            _values[key] = value;
            return default;
        }

        protected override ValueTask HandleInfoAsync(ProcessContext context, object message)
        {
            _infos++;
            return default;
        }

        protected internal override void Terminate(ProcessContext context, ExitReason reason)
        {
            if (!terminateReport.IsNone)
            {
                context.Send(terminateReport, reason);
            }
        }
    }
}
