using System.Buffers;
using BenchmarkDotNet.Attributes;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;
using MessagePack;

namespace DistSys.Bench.Transport;

/// <summary>Encoding one user-message envelope into a reused buffer writer: hand-written frame vs MessagePack object.</summary>
public class CodecEncodeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(2048);
    private byte[] _payload = [];
    private CodecEnvelope _envelope = new();

    [Params(32, 1024)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = Enumerable.Range(0, PayloadSize).Select(i => (byte)i).ToArray();
        _envelope = new CodecEnvelope
        {
            Kind = (byte)FrameKind.Message,
            Flags = (byte)FrameFlags.Raw,
            Target = 1234,
            Sender = 5678,
            Correlation = 42,
            Payload = _payload,
        };
    }

    [Benchmark(Baseline = true)]
    public int MessagePackObject()
    {
        _output.ResetWrittenCount();
        MessagePackSerializer.Serialize(_output, _envelope, MessagePackSerializerOptions.Standard);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int HandWrittenFrame()
    {
        _output.ResetWrittenCount();
        UserMessage.Write(_output, 1234, 5678, 42, FrameFlags.Raw, _payload);
        return _output.WrittenCount;
    }
}
