using System.Buffers;
using System.Diagnostics;
using DistSys.Transport.Framing;
using DistSys.Transport.Tests.Serialization;

namespace DistSys.Transport.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of frames and handshake streams. Iterations come from FUZZ_ITERATIONS
/// (default 1,000,000) and the seed from FUZZ_SEED, so a failure reproduces exactly; `make fuzz-transport`
/// runs it much longer.
/// </summary>
public sealed class CodecFuzzTests
{
    private const int DefaultIterations = 1_000_000;
    private const int DefaultSeed = 20261123;

    // Decoding one input may allocate what the input itself justifies (strings, lists, exception
    // messages), never what a lying length asks for: a fixed allowance plus a multiple of the input size.
    private const long AllocationAllowance = 64 * 1024;
    private const long AllocationPerInputByte = 64;

    [Test]
    public async Task Decode_MutatedFramesAndHandshakes_OnlyProtocolExceptionEscapes()
    {
        var iterations = EnvInt("FUZZ_ITERATIONS", DefaultIterations);
        var seed = EnvInt("FUZZ_SEED", DefaultSeed);
        TestContext.Out.WriteLine($"fuzz: {iterations} iterations, seed {seed}");

        // A generous liveness limit, only there to turn a hang into a failure: 10 minutes, or 100 µs per input.
        var limit = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(10).Ticks, iterations * 1000L));
        var run = Task.Factory.StartNew(() => Run(iterations, seed), TaskCreationOptions.LongRunning);
        FuzzStats stats;
        try
        {
            stats = await run.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the fuzz run did not finish within {limit}: something hangs");
            return;
        }

        TestContext.Out.WriteLine(stats.ToString());
        Assert.That(stats.Iterations, Is.EqualTo(iterations));
        Assert.That(stats.Rejected, Is.GreaterThan(iterations / 10), "mutations must reach the validation paths");
        Assert.That(stats.FramesDecoded, Is.GreaterThan(iterations / 10), "mutations must reach the message parsers");
    }

    private static FuzzStats Run(int iterations, int seed)
    {
        var (frames, handshakes) = FuzzCorpus.Build();
        var frameMutator = new Mutator(seed, frames);
        var handshakeMutator = new Mutator(seed + 1, handshakes);
        var decoder = new FuzzDecoder();
        var buffer = new byte[Mutator.MaxInput];
        var stats = new FuzzStats { Elapsed = Stopwatch.StartNew() };

        for (var i = 0; i < iterations; i++)
        {
            var handshake = (i & 7) == 0;
            var mutator = handshake ? handshakeMutator : frameMutator;
            var length = mutator.Next(buffer);
            var input = Layout(buffer.AsSpan(0, length), mutator.Random);

            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                decoder.DecodeStream(input, handshake);
            }
            catch (ProtocolException)
            {
                stats.Rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i} (seed {seed}): {ex.GetType().Name} escaped: {ex.Message}\ninput: {Convert.ToHexString(buffer, 0, length)}");
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            stats.MaxAllocated = Math.Max(stats.MaxAllocated, allocated);
            if (allocated > AllocationAllowance + (AllocationPerInputByte * length))
            {
                Assert.Fail($"iteration {i} (seed {seed}): decoding {length} bytes allocated {allocated} bytes\ninput: {Convert.ToHexString(buffer, 0, length)}");
            }

            stats.Iterations++;
        }

        stats.FramesDecoded = decoder.FramesDecoded;
        stats.Elapsed.Stop();
        return stats;
    }

    /// <summary>Mostly one segment (the fast path); otherwise split in two or cut one byte per segment.</summary>
    private static ReadOnlySequence<byte> Layout(ReadOnlySpan<byte> input, Random random) =>
        random.Next(8) switch
        {
            0 => Segments.Split(input, random.Next(input.Length + 1)),
            1 when input.Length <= 256 => Segments.OneBytePerSegment(input),
            _ => new ReadOnlySequence<byte>(input.ToArray()),
        };

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

    private sealed class FuzzStats
    {
        public int Iterations { get; set; }

        public long Rejected { get; set; }

        public long FramesDecoded { get; set; }

        public long MaxAllocated { get; set; }

        public required Stopwatch Elapsed { get; init; }

        public override string ToString() =>
            $"fuzz: {Iterations} inputs in {Elapsed.Elapsed.TotalSeconds:F1} s, {Rejected} rejected with ProtocolException, " +
            $"{FramesDecoded} frames decoded, max {MaxAllocated} B allocated by one decode";
    }
}
