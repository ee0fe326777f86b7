using System.Diagnostics;
using DistSys.Runtime.Tests.Distribution.Support;

namespace DistSys.Runtime.Tests.Distribution;

/// <summary>RuntimeTracing: a remote call is a span under the caller's; a local call is none.</summary>
public sealed class RemoteCallTracingTests
{
    private static readonly ActivitySource s_test = new("DistSys.Runtime.Tests");

    [Test]
    public async Task CallAsync_RemoteTarget_RemoteCallSpanUnderTheCallersSpan()
    {
        using var recorder = new SpanRecorder(RuntimeTracing.SourceName);
        using var callers = new SpanRecorder(s_test.Name);
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var echo = cluster.Nodes[1].Runtime.Spawn((_, message) => (message as CallRequest)?.Reply(((CallRequest)message).Request));
        var local = cluster.Master.Runtime.Spawn((_, message) => (message as CallRequest)?.Reply(1));

        ActivityContext parent;
        using (var caller = s_test.StartActivity("caller"))
        {
            parent = caller!.Context;
            await cluster.Master.Runtime.CallAsync<int>(echo, 5, TimeSpan.FromSeconds(10));
            await cluster.Master.Runtime.CallAsync<int>(local, 6, TimeSpan.FromSeconds(10));
        }

        var spans = recorder.Spans("remote.call", "distsys.call.target", echo.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(spans, Has.Count.EqualTo(1));
            Assert.That(spans[0].ParentSpanId, Is.EqualTo(parent.SpanId), "a child of the caller's span");
            Assert.That(spans[0].TraceId, Is.EqualTo(parent.TraceId));
            Assert.That(spans[0].Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(spans[0].GetTagItem("distsys.call.request"), Is.EqualTo("Int32"));
            Assert.That(spans[0].Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(recorder.Spans("remote.call", "distsys.call.target", local.ToString()), Is.Empty, "a local call is not traced");
        });
    }

    [Test]
    public async Task CallAsync_RemoteTimesOut_SpanEndsAsAnError()
    {
        using var recorder = new SpanRecorder(RuntimeTracing.SourceName);
        await using var cluster = await TestCluster.StartAsync(workers: 1);
        var silent = cluster.Nodes[1].Runtime.Spawn((_, _) => { });

        Assert.ThrowsAsync<CallException>(() => cluster.Master.Runtime.CallAsync<int>(silent, 1, TimeSpan.FromMilliseconds(200)));

        var span = recorder.Spans("remote.call", "distsys.call.target", silent.ToString()).Single();
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(span.GetTagItem("distsys.call.reason"), Is.EqualTo(ExitReason.Timeout.ToString()));
    }
}
