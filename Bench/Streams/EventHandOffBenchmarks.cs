using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DistSys.Streams.Engine;
using DistSys.Streams.Events;
using DistSys.Streams.Operators;
using DistSys.Streams.Sources;
using DistSys.Streams.Topology;
using MessagePack;
using MessagePack.Resolvers;
using Edge = DistSys.Streams.Engine.Channel;

namespace DistSys.Bench.Streams;

/// <summary>
/// The event hand-off path of a topology, per event (1024 100-byte generator events a batch): a router's key
/// edge spreads them over two edges' pending batches, each batch is taken and read by the receiving
/// instance's filter, then returned to the pool. <c>Remote</c> adds what crossing a node costs: the
/// StreamData frame written (MessagePack, as the transport does into its scratch buffer) and read back into
/// a pooled buffer. The baseline copies each event into a buffer and runs the same filter: the least a
/// hand-off can do. What allocates is per batch (the EventBatch and, remote, the StreamData), never per event.
/// </summary>
public class EventHandOffBenchmarks
{
    private const int Events = 1024;

    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolverAllowPrivate.Instance).WithSecurity(MessagePackSecurity.UntrustedData);

    private readonly ArrayBufferWriter<byte> _frame = new(1 << 18);
    private readonly byte[] _copy = new byte[1 << 18];
    private EventBatch _source = null!;
    private OutputGroup _group = null!;
    private FilterOperator _filter = null!;
    private CountOnly _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new BatchBuilder();
        var generator = new GeneratorSource(new GeneratorSourceSpec(0, 0, 10_000, 1, 100), 0);
        generator.Read(new Append(builder), Events);
        _source = builder.Take();
        _group = new OutputGroup(EdgeKind.Key, "key"u8.ToArray(), [new Edge(default, int.MaxValue), new Edge(default, int.MaxValue)], 0);
        using var topology = JsonDocument.Parse("""
            {"topology": {"nodes": [{"id": "in", "source": "http"}, {"id": "valid", "op": "filter", "input": "in", "where": {"field": "amount", "gt": 0}},
                {"id": "out", "sink": "log", "input": "valid"}]}}
            """);
        _filter = new FilterOperator(((FilterSpec)TopologyParser.Parse(topology.RootElement, name => (name, null)).Topology!["valid"].Kind).Where);
        _output = new CountOnly();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long CopyAndFilter()
    {
        var at = 0;
        foreach (var evt in _source)
        {
            evt.CopyTo(_copy.AsSpan(at));
            _filter.OnEvent(_copy.AsSpan(at, evt.Length), _output);
            at += evt.Length;
        }

        return _output.Count;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Local()
    {
        foreach (var evt in _source)
        {
            _group.Emit(evt);
        }

        foreach (var edge in _group.Channels)
        {
            var batch = edge.Pending.Take();
            foreach (var evt in batch)
            {
                _filter.OnEvent(evt, _output);
            }

            batch.Release();
        }

        return _output.Count;
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long Remote()
    {
        foreach (var evt in _source)
        {
            _group.Emit(evt);
        }

        foreach (var edge in _group.Channels)
        {
            var sent = edge.Pending.Take();
            _frame.ResetWrittenCount();
            MessagePackSerializer.Serialize(_frame, new StreamData(0, sent, 1, false), Options);
            sent.Release();
            var batch = MessagePackSerializer.Deserialize<StreamData>(_frame.WrittenMemory, Options).Batch!;
            foreach (var evt in batch)
            {
                _filter.OnEvent(evt, _output);
            }

            batch.Release();
        }

        return _output.Count;
    }

    private sealed class Append(BatchBuilder builder) : EventOutput
    {
        public override void Emit(ReadOnlySpan<byte> evt) => builder.Append(evt);
    }

    private sealed class CountOnly : EventOutput
    {
        public long Count { get; private set; }

        public override void Emit(ReadOnlySpan<byte> evt) => Count++;
    }
}
