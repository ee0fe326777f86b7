using System.Text;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Plugins.Tests.Ipc;

/// <summary>Requests and responses over one instance's rings: matching by id, sizes, concurrency.</summary>
public sealed class PluginConnectionTests : PluginFixture
{
    [Test]
    public async Task InvokeAsync_Echo_ReturnsTheRequestFromTheDeployedVersion()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));

        var reply = await Manager.InvokeAsync("echo", "echo", Encoding.UTF8.GetBytes("hello plugin"));

        Assert.That(Encoding.UTF8.GetString(reply.Body), Is.EqualTo("hello plugin"));
        Assert.That(reply.Version, Is.EqualTo("1"));
    }

    [Test]
    public async Task InvokeAsync_BufferWriter_AppendsTheResponseAndReturnsTheVersion()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot) with { InlineCompletions = true });
        var response = new System.Buffers.ArrayBufferWriter<byte>();
        System.Buffers.BuffersExtensions.Write(response, "> "u8);

        var version = await Manager.InvokeAsync("echo", "echo", Encoding.UTF8.GetBytes("pooled"), response);

        Assert.That(Encoding.UTF8.GetString(response.WrittenSpan), Is.EqualTo("> pooled"));
        Assert.That(version, Is.EqualTo("1"));
    }

    [Test]
    public async Task InvokeAsync_EmptyPayload_ReturnsEmpty()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));

        var reply = await Manager.InvokeAsync("echo", "echo", ReadOnlyMemory<byte>.Empty);

        Assert.That(reply.Body, Is.Empty);
    }

    [Test]
    public async Task InvokeAsync_PayloadLargerThanTheRing_RefusedWithPayloadTooLarge()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot) with { RingCapacity = 4096 });

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("echo", "echo", new byte[5000]));

        Assert.That(error!.Error, Is.EqualTo(PluginError.PayloadTooLarge));
        Assert.That(error.Message, Does.Contain("5000 bytes"));
        Assert.That((await Manager.InvokeAsync("echo", "echo", new byte[100])).Body, Has.Length.EqualTo(100), "the instance still serves");
    }

    [Test]
    public async Task InvokeAsync_UnknownOperation_FailsWithUnknownOperation()
    {
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot));

        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("echo", "nope", ReadOnlyMemory<byte>.Empty));

        Assert.That(error!.Error, Is.EqualTo(PluginError.UnknownOperation));
    }

    [Test]
    public void InvokeAsync_NothingDeployed_FailsWithNotDeployed()
    {
        var error = Assert.ThrowsAsync<PluginException>(() => Manager.InvokeAsync("ghost", "echo", ReadOnlyMemory<byte>.Empty));

        Assert.That(error!.Error, Is.EqualTo(PluginError.NotDeployed));
    }

    [Test]
    public async Task InvokeAsync_ManyThreadsVaryingSizesOnASmallRing_EveryResponseMatchesItsRequest()
    {
        // A 4 KiB ring with records up to its maximum wraps around and fills up many times over.
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot) with { RingCapacity = 4096 });
        const int Threads = 4;
        const int PerThread = 300;

        var workers = Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
        {
            var random = new Random(thread);
            for (var i = 0; i < PerThread; i++)
            {
                var request = new byte[random.Next(0, 4064)];
                random.NextBytes(request);
                var reply = await Manager.InvokeAsync("echo", "echo", request);
                if (!reply.Body.AsSpan().SequenceEqual(request))
                {
                    return false;
                }
            }

            return true;
        }));
        // 1 200 round trips on a ring that is full most of the time took 11-27 s alone on this 2-core
        // machine (why so slow is not profiled yet), so the default 30 s liveness bound was not
        // generous under a loaded CI run; this bound is for a hang, not for speed.
        var results = await Eventually.Within(Task.WhenAll(workers), TimeSpan.FromMinutes(2));

        Assert.That(results, Is.All.True, "each response is its own request's echo");
        Assert.That(Manager.List().Single().Requests, Is.EqualTo(Threads * PerThread));
    }
}
