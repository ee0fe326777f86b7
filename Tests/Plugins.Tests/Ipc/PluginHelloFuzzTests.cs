using System.Buffers;
using DistSys.Plugins.Sdk.Protocol;
using DistSys.Transport.Framing;

namespace DistSys.Plugins.Tests.Ipc;

/// <summary>
/// Seeded mutation fuzzing of the first frame a plugin sends, its hello, as the node decodes it: only a
/// <see cref="ProtocolException"/> may escape, and whatever decodes writes back to exactly the bytes read
/// (so no field was misread). Iterations from FUZZ_PLUGIN_ITERATIONS (default 200 000), seed from FUZZ_SEED; `make fuzz-plugin` runs it longer.
/// The ring under it has its own fuzzer (Transport.Tests, RingFuzzTests).
/// </summary>
public sealed class PluginHelloFuzzTests
{
    [Test]
    public void Read_MutatedHellos_OnlyProtocolExceptionsAndWhatDecodesIsWhatWasSent()
    {
        var iterations = EnvInt("FUZZ_PLUGIN_ITERATIONS", 200_000);
        var random = new Random(EnvInt("FUZZ_SEED", 20261203));
        var corpus = new[]
        {
            Encode(new PluginHello("echo", "1", [new HelloOperation("echo", true)])),
            Encode(new PluginHello("wordfreq", "2.0.1", [new HelloOperation("count", false), new HelloOperation("top_k", true)])),
            Encode(new PluginHello(new string('p', 64), new string('9', 64), [.. Enumerable.Range(0, 40).Select(i => new HelloOperation($"op-{i}", i % 2 == 0))])),
            Encode(new PluginHello("none", "0", [])),
        };
        long decoded = 0, rejected = 0;
        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(corpus[random.Next(corpus.Length)], random);
            try
            {
                var hello = PluginHello.Read(input);
                Assert.That(Encode(hello), Is.EqualTo(input), $"iteration {i}: {Convert.ToHexString(input)} decoded to something else");
                decoded++;
            }
            catch (ProtocolException)
            {
                rejected++;
            }
        }

        TestContext.Out.WriteLine($"hello fuzz: {iterations} inputs, {decoded} decoded, {rejected} rejected");
        Assert.Multiple(() =>
        {
            Assert.That(rejected, Is.GreaterThan(iterations / 4), "mutations must reach the checks");
            Assert.That(decoded, Is.GreaterThan(iterations / 100), "some mutations stay valid hellos");
        });
    }

    /// <summary>Found by the fuzzer: a count that fits two bytes per operation, the first name using them all (it escaped as IndexOutOfRange).</summary>
    [Test]
    public void Read_FirstOperationNameUsesTheBytesOfTheSecond_TruncatedNotACrash()
    {
        byte[] hello = [0x01, (byte)'a', 0x01, (byte)'1', 0x02, 0x00, 0x00, 0x02, (byte)'x', (byte)'y'];

        var error = Assert.Throws<ProtocolException>(() => PluginHello.Read(hello));

        Assert.That(error!.Error, Is.EqualTo(ProtocolError.Truncated));
        Assert.That(error.Message, Does.Contain("operation 1 of 2 is missing"));
    }

    private static byte[] Encode(PluginHello hello)
    {
        var buffer = new ArrayBufferWriter<byte>();
        hello.Write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One to four edits: a byte set at random, a length byte nudged by one, a cut, or random bytes inserted.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        for (var edits = random.Next(1, 5); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = (byte)(bytes[at] + (random.Next(2) == 0 ? 1 : -1));
                    break;
                case 2:
                    bytes.RemoveRange(at, random.Next(bytes.Count - at + 1));
                    break;
                default:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                    break;
            }
        }

        return [.. bytes];
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}
