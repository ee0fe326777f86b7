using System.Diagnostics;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Plugins.Tests.Manager;

/// <summary>PluginTracing: each request is a plugin.request span under the caller's, tagged with what answered.</summary>
public sealed class PluginTracingTests : PluginFixture
{
    private static readonly ActivitySource s_test = new("DistSys.Plugins.Tests");

    [Test]
    public async Task InvokeAsync_Traced_RequestSpanUnderTheCallersWithTheVersionAndOutcome()
    {
        using var recorder = new SpanRecorder(PluginTracing.SourceName);
        using var callers = new SpanRecorder(s_test.Name);
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));
        await Manager.DeployAsync(ExamplePlugins.Faulty(WorkRoot));

        ActivityContext parent;
        using (var caller = s_test.StartActivity("caller"))
        {
            parent = caller!.Context;
            Assert.That((await Manager.InvokeAsync("echo", "echo", new byte[] { 7 })).Body, Is.EqualTo(new byte[] { 7 }));
            Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("faulty", "throw", new byte[] { 1 }));
        }

        var ok = recorder.Spans("plugin.request", "distsys.plugin", "echo").Single();
        var failed = recorder.Spans("plugin.request", "distsys.plugin", "faulty").Single();
        Assert.Multiple(() =>
        {
            Assert.That(ok.ParentSpanId, Is.EqualTo(parent.SpanId), "a child of the caller's span");
            Assert.That(ok.GetTagItem("distsys.plugin.operation"), Is.EqualTo("echo"));
            Assert.That(ok.GetTagItem("distsys.plugin.version"), Is.EqualTo(Manager.List().Single(p => p.Name == "echo").Version));
            Assert.That(ok.GetTagItem("distsys.outcome"), Is.EqualTo("ok"));
            Assert.That(failed.ParentSpanId, Is.EqualTo(parent.SpanId));
            Assert.That(failed.GetTagItem("distsys.outcome"), Is.EqualTo("error"));
            Assert.That(failed.Status, Is.EqualTo(ActivityStatusCode.Error));
        });
    }
}
