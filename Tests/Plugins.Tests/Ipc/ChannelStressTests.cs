using System.Buffers.Binary;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Plugins.Tests.Ipc;

/// <summary>Ten million messages from this process to the echo plugin's process through the plugin channel, checksummed on both sides.</summary>
public sealed class ChannelStressTests : PluginFixture
{
    private const ulong Messages = 10_000_000;

    [Test]
    public async Task Post_TenMillionMessagesToAPluginProcess_ItsChecksumMatchesOurs()
    {
        // 64 KiB rings: ten million records wrap around them hundreds of times, and the fast writer keeps finding them full.
        await Manager.DeployAsync(ExamplePlugins.Echo(WorkRoot) with { RingCapacity = 64 * 1024 });
        var connection = await Manager.InstanceAsync("echo");
        Assert.That(connection.TryFindOperation("absorb", out var absorb, out _), Is.True);

        var sent = await Eventually.Within(Task.Factory.StartNew(() => SendNumbered(connection, absorb), TaskCreationOptions.LongRunning));
        var reply = await Manager.InvokeAsync("echo", "checksum", ReadOnlyMemory<byte>.Empty);

        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(reply.Body.AsSpan(8)), Is.EqualTo(Messages), "every message arrived");
        Assert.That(BinaryPrimitives.ReadUInt64LittleEndian(reply.Body), Is.EqualTo(sent), "in order and intact");
    }

    private static ulong SendNumbered(Plugins.Ipc.PluginConnection connection, ulong target)
    {
        Span<byte> payload = stackalloc byte[41];
        var checksum = 14695981039346656037;
        for (ulong sequence = 0; sequence < Messages; sequence++)
        {
            var body = payload[..(int)(sequence % 41)];
            for (var i = 0; i < body.Length; i++)
            {
                body[i] = (byte)((sequence * 131) + (ulong)i);
                checksum = (checksum ^ body[i]) * 1099511628211;
            }

            Assert.That(connection.Post(target, body), Is.True, "the instance is alive");
        }

        return checksum;
    }
}
