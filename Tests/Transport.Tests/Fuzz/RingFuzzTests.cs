using System.Diagnostics;
using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;
using DistSys.Transport.Tests.SharedMemory;

namespace DistSys.Transport.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of a shared-memory ring from a hostile writer: what a malicious plugin can do to the
/// response ring of its channel. Between honest frames it flips bytes in the data area, publishes
/// impossible or lying tails and forges records. The reading side may only ever answer with a
/// <see cref="ProtocolException"/> (the node then kills the instance), must never read outside the ring,
/// hang or allocate, and hands out every frame written before the first corruption exactly as written.
/// Steps from FUZZ_PLUGIN_ITERATIONS (default 200 000), seed from FUZZ_SEED; `make fuzz-plugin` runs it longer.
/// </summary>
public sealed class RingFuzzTests
{
    private const int DefaultSteps = 200_000;
    private const int DefaultSeed = 20261203;
    private const int Capacity = RingLayout.MinCapacity;
    private static readonly long Data = RingLayout.DataOffset(0, Capacity);
    private static readonly long Tail = RingLayout.ControlOffset(0) + RingLayout.TailOffset;

    [Test]
    public async Task Read_HostileWriter_OnlyProtocolExceptionsEveryIntactFrameExactNothingAllocated()
    {
        var steps = EnvInt("FUZZ_PLUGIN_ITERATIONS", DefaultSteps);
        var seed = EnvInt("FUZZ_SEED", DefaultSeed);
        TestContext.Out.WriteLine($"ring fuzz: {steps} steps, seed {seed}");

        // A generous liveness limit that turns a hang into a failure: 10 minutes, or 1 ms per step.
        var limit = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(10).Ticks, steps * TimeSpan.TicksPerMillisecond));
        var stats = await Task.Factory.StartNew(() => Run(steps, seed), TaskCreationOptions.LongRunning).WaitAsync(limit);

        TestContext.Out.WriteLine(stats.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(stats.Steps, Is.EqualTo(steps));
            Assert.That(stats.Rejected, Is.GreaterThan(steps / 100), "corruptions must reach the validation paths");
            Assert.That(stats.IntactFrames, Is.GreaterThan(steps / 10), "honest frames must be read and checked");
            Assert.That(stats.FramesAfterCorruption, Is.Positive, "some corruptions must be read as frames, not all rejected at once");
            Assert.That(stats.Allocated, Is.Zero, "reading the ring allocates nothing, whatever is in it");
        });
    }

    private static FuzzStats Run(int steps, int seed)
    {
        var random = new Random(seed);
        var stats = new FuzzStats { Elapsed = Stopwatch.StartNew() };
        var expected = new Queue<(ulong Sequence, int Length)>();
        Span<byte> payload = stackalloc byte[Capacity];
        Span<byte> forged = stackalloc byte[FrameHeader.Size];
        ChannelPair? pair = null;
        var corrupted = false;
        ulong sequence = 0;
        try
        {
            for (var step = 0; step < steps; step++)
            {
                if (pair is null)
                {
                    pair = new ChannelPair(Capacity);
                    corrupted = false;
                    expected.Clear();
                    stats.Episodes++;
                }

                switch (random.Next(16))
                {
                    case < 10:
                        // An honest frame, mostly small, sometimes close to the largest a record can be.
                        var length = random.Next(8) == 0 ? random.Next(pair.Writer.MaxPayload + 1) : random.Next(200);
                        ChannelPair.Fill(payload[..length], sequence);
                        if (pair.Writer.TryWrite(ChannelPair.Header(sequence), payload[..length]))
                        {
                            expected.Enqueue((sequence, length));
                        }

                        sequence++;
                        break;
                    case < 12:
                        // A flipped byte anywhere in the data area: a header, a payload, padding or free space.
                        pair.Poke(Data + random.Next(Capacity), [(byte)random.Next(256)]);
                        corrupted = true;
                        break;
                    case 12:
                        // A tail anywhere at all.
                        pair.PokeUInt64(Tail, (ulong)random.NextInt64() * (ulong)(random.Next(2) + 1));
                        corrupted = true;
                        break;
                    case 13:
                        // A plausible lie: an aligned tail up to one capacity past the reader's head.
                        pair.PokeUInt64(Tail, pair.Reader.Position + ((ulong)random.Next((Capacity / 8) + 1) * 8));
                        corrupted = true;
                        break;
                    case 14:
                        // A forged record at an aligned offset: random header bytes, sometimes a skip marker first.
                        random.NextBytes(forged);
                        if (random.Next(4) == 0)
                        {
                            forged[..4].Fill(0xFF);
                        }

                        pair.Poke(Data + (random.Next(Capacity / 8) * 8), forged);
                        corrupted = true;
                        break;
                    default:
                        break; // only read
                }

                if (!Drain(pair, expected, corrupted, stats))
                {
                    pair.Dispose();
                    pair = null;
                }

                stats.Steps++;
            }
        }
        finally
        {
            pair?.Dispose();
        }

        stats.Elapsed.Stop();
        return stats;
    }

    /// <summary>Reads everything readable; false when the reader rejected the ring (the episode ends).</summary>
    private static bool Drain(ChannelPair pair, Queue<(ulong Sequence, int Length)> expected, bool corrupted, FuzzStats stats)
    {
        var reader = pair.Reader;
        Span<byte> reference = stackalloc byte[Capacity];
        while (true)
        {
            Frame frame;
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                if (!reader.TryRead(out frame))
                {
                    stats.Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                    return true;
                }
            }
            catch (ProtocolException)
            {
                stats.Rejected++;
                return false;
            }

            stats.Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            var bytes = frame.Payload.FirstSpan; // touching every byte: a slice outside the ring would throw here
            var sum = 0;
            foreach (var b in bytes)
            {
                sum += b;
            }

            if (corrupted)
            {
                stats.FramesAfterCorruption++;
            }
            else
            {
                Assert.That(expected.TryDequeue(out var next), Is.True, $"a frame nobody wrote (sum {sum})");
                ChannelPair.Fill(reference[..next.Length], next.Sequence);
                Assert.That(frame.Header.Correlation, Is.EqualTo(next.Sequence));
                Assert.That(bytes.SequenceEqual(reference[..next.Length]), Is.True, $"frame {next.Sequence} read as written");
                stats.IntactFrames++;
            }

            before = GC.GetAllocatedBytesForCurrentThread();
            reader.Advance();
            stats.Allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

    private sealed class FuzzStats
    {
        public int Steps { get; set; }

        public int Episodes { get; set; }

        public long Rejected { get; set; }

        public long IntactFrames { get; set; }

        public long FramesAfterCorruption { get; set; }

        public long Allocated { get; set; }

        public required Stopwatch Elapsed { get; init; }

        public override string ToString() =>
            $"ring fuzz: {Steps} steps in {Elapsed.Elapsed.TotalSeconds:F1} s, {Episodes} channels, {Rejected} rejected with ProtocolException, " +
            $"{IntactFrames} honest frames read exactly, {FramesAfterCorruption} frames read after a corruption, {Allocated} B allocated by reads";
    }
}
