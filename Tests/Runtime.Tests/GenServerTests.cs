using DistSys.Runtime.Tests.Support;

namespace DistSys.Runtime.Tests;

public class GenServerTests
{
    private ProcessRuntime _runtime = null!;

    [SetUp]
    public void SetUp() => _runtime = new ProcessRuntime();

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public async Task GenServer_InitCallCastInfo_EachReachesItsHandler()
    {
        var server = await _runtime.StartAsync(new KeyValue()).WaitAsync(Await.Limit);
        _runtime.Cast(server, ("put", "a", 1));
        _runtime.Send(server, "clear-b");
        Assert.That(await _runtime.CallAsync<int?>(server, "a", Await.Limit), Is.EqualTo(1));
        Assert.That(await _runtime.CallAsync<int?>(server, "seeded", Await.Limit), Is.EqualTo(42));
        Assert.That(await _runtime.CallAsync<int?>(server, "infos", Await.Limit), Is.EqualTo(1));
    }

    [Test]
    public async Task GenServer_AsyncCallHandler_RepliesAfterAwait()
    {
        var server = _runtime.Spawn(new KeyValue());
        Assert.That(await _runtime.CallAsync<int?>(server, "slow", Await.Limit), Is.EqualTo(7));
    }

    [Test]
    public async Task GenServer_Stops_TerminateRunsWithReason()
    {
        var probe = new Probe(_runtime);
        var server = _runtime.Spawn(new KeyValue(probe.Pid));
        _runtime.Exit(server, ExitReason.Shutdown);
        Assert.That(await probe.ExpectAsync<ExitReason>(), Is.EqualTo(ExitReason.Shutdown));
    }

    [Test]
    public void GenServer_UnhandledCall_CallFailsWithNotSupported()
    {
        var server = _runtime.Spawn(new Bare());
        var error = Assert.ThrowsAsync<CallException>(() => _runtime.CallAsync<object>(server, "x", Await.Limit));
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
