using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSys.Streams.Engine;
using DistSys.Streams.Events;
using DistSys.Streams.Operators;
using DistSys.Streams.Sinks;
using DistSys.Streams.Sources;
using DistSys.Streams.Storage;
using DistSys.Streams.Topology;
using Edge = DistSys.Streams.Engine.Channel;

namespace DistSys.Bench.Streams;

/// <summary>
/// The single-process reference for Bench/scripts/bench-streams.sh: the topology the cluster runs
/// (generator → filter → count by key → collect), with the engine's own source, operators, key hash
/// and collect writer, but joined by bounded System.Threading.Channels in one process instead of
/// processes, credits and the network. Tasks as the cluster has instances: one generator, the
/// filter's and the aggregate's parallelism each, one sink. With <c>discard</c> the sink only counts,
/// which shows what the SQLite store costs. Prints events/s generated over the measured seconds.
/// </summary>
internal static class ChannelPipelineBaseline
{
    private const int Bound = 8;

    public static int Run(string topologyJson, double warmup, double seconds, bool collect)
    {
        using var document = JsonDocument.Parse(topologyJson);
        var (topology, error) = TopologyParser.Parse(document.RootElement, name => (name, null));
        if (topology is not { Nodes: [{ Kind: GeneratorSourceSpec source }, { Kind: FilterSpec filter } f, { Kind: AggregateSpec aggregate } a, { Kind: CollectSinkSpec sink }] })
        {
            Console.Error.WriteLine($"needs generator → filter → aggregate → collect: {error}");
            return 2;
        }

        var directory = Directory.CreateTempSubdirectory("distsys-baseline-").FullName;
        try
        {
            using var store = StreamStore.Open(directory);
            var generated = 0L;
            var sunk = 0L;
            using var stop = new CancellationTokenSource();
            var toFilter = Enumerable.Range(0, f.Parallelism).Select(_ => System.Threading.Channels.Channel.CreateBounded<EventBatch>(Bound)).ToArray();
            var toCount = Enumerable.Range(0, a.Parallelism).Select(_ => System.Threading.Channels.Channel.CreateBounded<EventBatch>(Bound * f.Parallelism)).ToArray();
            var toSink = System.Threading.Channels.Channel.CreateBounded<EventBatch>(Bound * a.Parallelism);
            var key = Encoding.UTF8.GetBytes(a.Key!);

            var tasks = new List<Task>
            {
                Task.Run(async () =>
                {
                    var events = new GeneratorSource(source, 0);
                    var output = new BuilderOutput();
                    for (var next = 0; !stop.IsCancellationRequested; next++)
                    {
                        Interlocked.Add(ref generated, events.Read(output, 1024));
                        await toFilter[next % toFilter.Length].Writer.WriteAsync(output.Builder.Take()).ConfigureAwait(false);
                    }

                    Array.ForEach(toFilter, c => c.Writer.Complete());
                }),
            };
            tasks.AddRange(toFilter.Select((input, i) => Task.Run(async () =>
            {
                var op = new FilterOperator(filter.Where);
                var group = new OutputGroup(EdgeKind.Key, key, [.. toCount.Select(_ => new Edge(default, int.MaxValue))], i);
                var output = new GroupOutput(group);
                await foreach (var batch in input.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    foreach (var evt in batch)
                    {
                        op.OnEvent(evt, output);
                    }

                    batch.Release();
                    for (var k = 0; k < toCount.Length; k++)
                    {
                        await toCount[k].Writer.WriteAsync(group.Channels[k].Pending.Take()).ConfigureAwait(false);
                    }
                }
            })));
            var counters = toCount.Select(input => Task.Run(async () =>
            {
                var op = new AggregateOperator(aggregate.Aggregate, a.Key!, aggregate.Field);
                var output = new BuilderOutput();
                await foreach (var batch in input.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    foreach (var evt in batch)
                    {
                        op.OnEvent(evt, output);
                    }

                    op.OnBatchEnd(output);
                    batch.Release();
                    await toSink.Writer.WriteAsync(output.Builder.Take()).ConfigureAwait(false);
                }
            })).ToArray();
            tasks.AddRange(counters);
            tasks.Add(Task.Run(async () =>
            {
                var writer = new CollectWriter(store, "baseline", "out", sink.Retention);
                var held = 0;
                await foreach (var batch in toSink.Reader.ReadAllAsync().ConfigureAwait(false))
                {
                    if (collect)
                    {
                        foreach (var evt in batch)
                        {
                            writer.Write(evt);
                        }

                        // The engine's group commit (SinkTerminal): several batches a commit while more are waiting.
                        held += batch.Count;
                        if (held >= SinkTerminal.GroupEvents || toSink.Reader.Count == 0)
                        {
                            writer.Commit();
                            held = 0;
                        }
                    }

                    Interlocked.Add(ref sunk, batch.Count);
                    batch.Release();
                }
            }));

            // The filters end when the generator completes their inputs; the counters' inputs have many writers, so they are completed here.
            _ = Task.WhenAll(tasks.Skip(1).Take(toFilter.Length)).ContinueWith(_ => Array.ForEach(toCount, c => c.Writer.Complete()), TaskScheduler.Default);
            _ = Task.WhenAll(counters).ContinueWith(_ => toSink.Writer.Complete(), TaskScheduler.Default);

            Thread.Sleep(TimeSpan.FromSeconds(warmup));
            var (g0, s0, t0) = (Interlocked.Read(ref generated), Interlocked.Read(ref sunk), Stopwatch.GetTimestamp());
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
            var (g1, s1, elapsed) = (Interlocked.Read(ref generated), Interlocked.Read(ref sunk), Stopwatch.GetElapsedTime(t0).TotalSeconds);
            stop.Cancel();
            Task.WaitAll([.. tasks]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline {(collect ? "collect" : "discard")} events/s {(g1 - g0) / elapsed:F0} sink/s {(s1 - s0) / elapsed:F0}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class BuilderOutput : EventOutput
    {
        public BatchBuilder Builder { get; } = new();

        public override void Emit(ReadOnlySpan<byte> evt) => Builder.Append(evt);
    }

    private sealed class GroupOutput(OutputGroup group) : EventOutput
    {
        public override void Emit(ReadOnlySpan<byte> evt) => group.Emit(evt);
    }
}
