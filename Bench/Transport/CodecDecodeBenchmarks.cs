using System.Buffers;
using BenchmarkDotNet.Attributes;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using MessagePack;

namespace DistSys.Bench.Transport;

/// <summary>Decoding one user-message envelope: hand-written frame parse (payload sliced, not copied) vs MessagePack object.</summary>
public class CodecDecodeBenchmarks
{
    private ReadOnlySequence<byte> _frame;
    private ReadOnlySequence<byte> _messagePack;

    [Params(32, 1024)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var payload = Enumerable.Range(0, PayloadSize).Select(i => (byte)i).ToArray();
        var output = new ArrayBufferWriter<byte>();
        UserMessage.Write(output, 1234, 5678, 42, FrameFlags.Raw, payload);
        _frame = new ReadOnlySequence<byte>(output.WrittenMemory.ToArray());

        var envelope = new CodecEnvelope { Kind = (byte)FrameKind.Message, Target = 1234, Sender = 5678, Correlation = 42, Payload = payload };
        _messagePack = new ReadOnlySequence<byte>(MessagePackSerializer.Serialize(envelope, MessagePackSerializerOptions.Standard));
    }

    [Benchmark(Baseline = true)]
    public long MessagePackObject()
    {
        var envelope = MessagePackSerializer.Deserialize<CodecEnvelope>(_messagePack, MessagePackSerializerOptions.Standard);
        return envelope.Payload.Length + (long)envelope.Target;
    }

    [Benchmark]
    public long HandWrittenFrame()
    {
        var buffer = _frame;
        Frame.TryRead(ref buffer, TransportLimits.DefaultMaxPayload, out var frame);
        var message = UserMessage.FromFrame(frame);
        return message.Body.Length + (long)message.Target;
    }
}
