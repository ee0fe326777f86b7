using System.Text;
using DistSys.Streams.Engine;
using DistSys.Streams.Events;
using MessagePack;
using MessagePack.Resolvers;

namespace DistSys.Streams.Tests.Events;

/// <summary>A batch crosses nodes as its bytes: the same lines and count come out, in a buffer of the receiver's.</summary>
[TestFixture]
public sealed class EventBatchFormatterTests
{
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolverAllowPrivate.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    [Test]
    public void StreamData_RoundTrip_KeepsTheLinesCountMarkAndEnd()
    {
        var builder = new BatchBuilder();
        foreach (var i in Enumerable.Range(0, 100))
        {
            builder.Append(Encoding.UTF8.GetBytes($"{{\"seq\":{i}}}"));
        }

        var sent = new StreamData(3, builder.Take(), 42, End: true);
        var bytes = MessagePackSerializer.Serialize(sent, Options);
        var read = MessagePackSerializer.Deserialize<StreamData>(bytes, Options);

        var lines = new List<string>();
        foreach (var evt in read.Batch!)
        {
            lines.Add(Encoding.UTF8.GetString(evt));
        }

        Assert.Multiple(() =>
        {
            Assert.That((read.Input, read.Mark, read.End, read.Batch!.Count), Is.EqualTo((3, 42L, true, 100)));
            Assert.That(lines, Is.EqualTo(Enumerable.Range(0, 100).Select(i => $"{{\"seq\":{i}}}")));
        });
        read.Batch.Release();
        sent.Batch!.Release();
    }

    [Test]
    public void StreamData_MarkAlone_RoundTripsWithoutABatch()
    {
        var read = MessagePackSerializer.Deserialize<StreamData>(MessagePackSerializer.Serialize(new StreamData(0, null, 7, false), Options), Options);
        Assert.That((read.Batch, read.Mark), Is.EqualTo(((EventBatch?)null, 7L)));
    }

    [Test]
    public void Deserialize_CountAboveItsBytes_IsRefused()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(1000);
        writer.Write(new byte[] { (byte)'{', (byte)'}' });
        writer.Flush();
        Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<EventBatch>(buffer.WrittenMemory, Options));
    }
}
