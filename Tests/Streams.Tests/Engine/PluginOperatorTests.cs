using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using DistSys.Streams.Engine;
using DistSys.Streams.Tests.Support;

namespace DistSys.Streams.Tests.Engine;

/// <summary>
/// plugin:NAME operators against an in-process stand-in for the plugin bridge (the real sandboxed plugin is
/// Tests/Node.Tests/Streams/StreamPluginTests.cs): the answer flows on, a failed call is counted and its batch
/// replayed, and a plugin that does not answer holds the source back.
/// </summary>
public sealed class PluginOperatorTests
{
    private const string Topology = """
        {"topology": {"nodes": [
          {"id": "in", "source": "generator", "count": 5000, "keys": 10},
          {"id": "tag", "op": "plugin:tagger", "input": "in", "parallelism": 2},
          {"id": "out", "sink": "collect", "input": "tag"}]}}
        """;

    [Test]
    public async Task Run_GeneratorThroughAPlugin_EveryEventComesBackAsThePluginAnswered()
    {
        var plugins = new FakePlugins();
        await using var harness = await StreamHarness.StartAsync(configure: o => o with { Plugins = plugins });
        var stream = await harness.AwaitStatusAsync(await harness.SubmitAsync(Topology), StreamStatus.Completed);

        var seen = harness.Collected(stream.Id, "out");
        Assert.Multiple(() =>
        {
            // The reference: every seq once with copy 0, and the odd ones again with copy 1.
            var expected = Enumerable.Range(0, 5000).Select(n => $"{n}/0").Concat(Enumerable.Range(0, 5000).Where(n => n % 2 == 1).Select(n => $"{n}/1"));
            Assert.That(seen.Select(e => $"{e.GetProperty("seq").GetInt64()}/{e.GetProperty("copy").GetInt32()}"), Is.EquivalentTo(expected));
            Assert.That(seen.Select(e => e.GetProperty("via").GetString()).Distinct(), Is.EqualTo(new[] { "tagger" }), "each event is the plugin's answer");
            Assert.That(plugins.Operations, Is.All.EqualTo("first"), "without operation, the plugin's first");
            Assert.That(stream.PluginFailures, Is.Zero);
        });
    }

    [Test]
    public async Task Run_PluginFailsTwice_TheFailuresAreCountedAndTheirBatchesReplayed()
    {
        var plugins = new FakePlugins { FailCalls = [3, 7] };
        await using var harness = await StreamHarness.StartAsync(configure: o => o with { Plugins = plugins });
        var stream = await harness.AwaitStatusAsync(await harness.SubmitAsync(Topology), StreamStatus.Completed);

        var seqs = harness.Collected(stream.Id, "out").Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stream.PluginFailures, Is.EqualTo(2));
            Assert.That(stream.Restarts, Is.EqualTo(2));
            Assert.That(stream.Sources[0].Replayed, Is.GreaterThan(0));
            Assert.That(seqs.Distinct(), Is.EquivalentTo(Enumerable.Range(0, 5000).Select(n => (long)n)), "every event at least once");
            Assert.That(seqs.Count - 7500, Is.LessThanOrEqualTo(1.5 * stream.Sources[0].Replayed), "duplicates only from counted replays");
        });
    }

    [Test]
    public async Task Run_PluginAnswersGarbage_CountedAsAPluginFailure()
    {
        var plugins = new FakePlugins { Garbage = true };
        await using var harness = await StreamHarness.StartAsync(configure: o => o with { Plugins = plugins });
        var stream = await harness.AwaitStatusAsync(await harness.SubmitAsync(Topology), StreamStatus.Failed);
        Assert.That(stream.PluginFailures, Is.EqualTo(TopologyRunner.MaxRestarts + 1));
        Assert.That(stream.Error, Does.Contain("not a JSON object"));
    }

    [Test]
    public async Task Run_PluginHoldsItsAnswer_TheSourceWaitsOnCreditThenEverythingArrives()
    {
        var plugins = new FakePlugins { Gate = new SemaphoreSlim(0) };
        await using var harness = await StreamHarness.StartAsync(configure: o => o with { Plugins = plugins });
        var stream = await harness.SubmitAsync("""
            {"topology": {"nodes": [
              {"id": "in", "source": "generator", "count": 200000, "keys": 10},
              {"id": "tag", "op": "plugin:tagger", "input": "in"},
              {"id": "out", "sink": "collect", "input": "tag", "retention": 1000}]}}
            """);
        var handle = harness.Master.Streams[stream.Id];
        await Eventually.True(() => plugins.Waiting == 1, "the plugin holds its first call");
        var source = handle.Instances.First(i => i.Node == "in");

        // The plugin's instance holds one batch and has credited none back: the source stops at its 8 credits.
        await Eventually.True(() => source.Mark >= 8 * 1024, $"the source read up to its credit (at {source.Mark})");
        Assert.Multiple(() =>
        {
            Assert.That(source.Mark, Is.LessThanOrEqualTo(8 * 1024), "not a batch past its credit");
            Assert.That(handle.Sources[0].Acked, Is.LessThanOrEqualTo(0), "nothing passed the plugin");
            Assert.That(plugins.Waiting, Is.EqualTo(1), "one call at a time per instance");
        });

        plugins.Gate.Release(int.MaxValue / 2);
        stream = await harness.AwaitStatusAsync(stream, StreamStatus.Completed);
        Assert.That(stream.Sources[0].Acked, Is.EqualTo(200000));
    }

    /// <summary>
    /// "tagger": answers each event as {"seq", "via": "tagger", "copy": 0}, and odd seqs a second time with copy 1;
    /// fails the calls numbered in <see cref="FailCalls"/>, or answers garbage, or waits on <see cref="Gate"/>.
    /// </summary>
    private sealed class FakePlugins : IStreamPlugins
    {
        private int _calls;
        private int _waiting;

        public int[] FailCalls { get; init; } = [];

        public bool Garbage { get; init; }

        public SemaphoreSlim? Gate { get; init; }

        public int Waiting => Volatile.Read(ref _waiting);

        public List<string> Operations { get; } = [];

        public (bool OfOperation, string Detail)? Refusal(string plugin, string? operation) => null;

        public ValueTask<string> OperationAsync(string plugin, string? operation) => ValueTask.FromResult(operation ?? "first");

        public async ValueTask InvokeAsync(string plugin, string operation, ReadOnlyMemory<byte> events, IBufferWriter<byte> response)
        {
            var call = Interlocked.Increment(ref _calls);
            lock (Operations)
            {
                Operations.Add(operation);
            }

            if (Gate is not null)
            {
                Interlocked.Increment(ref _waiting);
                await Gate.WaitAsync();
                Interlocked.Decrement(ref _waiting);
            }

            if (FailCalls.Contains(call))
            {
                throw new StreamPluginException($"call {call} failed");
            }

            var answer = new StringBuilder();
            foreach (var line in Encoding.UTF8.GetString(events.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var seq = JsonNode.Parse(line)!["seq"]!.GetValue<long>();
                answer.Append(Garbage ? "not json\n" : $"{{\"seq\":{seq},\"via\":\"{plugin}\",\"copy\":0}}\n");
                if (seq % 2 == 1)
                {
                    answer.Append($"{{\"seq\":{seq},\"via\":\"{plugin}\",\"copy\":1}}\n");
                }
            }

            response.Write(Encoding.UTF8.GetBytes(answer.ToString()));
        }
    }
}
