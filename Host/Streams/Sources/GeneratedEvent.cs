using System.Buffers.Text;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Sources;

/// <summary>A generator's event N, written into a reused buffer; tests compute the same events to check results.</summary>
internal static class GeneratedEvent
{
    public static ReadOnlySpan<byte> Write(Span<byte> buffer, GeneratorSourceSpec spec, long seq)
    {
        var mix = Mix((ulong)spec.Seed ^ (ulong)seq);
        var at = Put(buffer, 0, "{\"seq\":"u8);
        Utf8Formatter.TryFormat(seq, buffer[at..], out var n);
        at = Put(buffer, at + n, ",\"key\":\"k"u8);
        Utf8Formatter.TryFormat((long)(mix % (ulong)spec.Keys), buffer[at..], out n);
        at = Put(buffer, at + n, "\",\"amount\":"u8);
        Utf8Formatter.TryFormat(Amount(mix), buffer[at..], out n);
        at = Put(buffer, at + n, ",\"pad\":\""u8);
        var end = Math.Max(at + 2, spec.EventBytes);
        buffer[at..(end - 2)].Fill((byte)'x');
        buffer[end - 2] = (byte)'"';
        buffer[end - 1] = (byte)'}';
        return buffer[..end];
    }

    /// <summary>The key of event N ("k" and a number below keys).</summary>
    public static string Key(GeneratorSourceSpec spec, long seq) => $"k{Mix((ulong)spec.Seed ^ (ulong)seq) % (ulong)spec.Keys}";

    /// <summary>The amount of event N: a whole number from -100 to 899, so a filter on amount &gt; 0 keeps most.</summary>
    public static long Amount(GeneratorSourceSpec spec, long seq) => Amount(Mix((ulong)spec.Seed ^ (ulong)seq));

    private static long Amount(ulong mix) => (long)((mix >> 32) % 1000) - 100;

    private static int Put(Span<byte> buffer, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(buffer[at..]);
        return at + text.Length;
    }

    // SplitMix64: a fast, well-mixed function of the seed and the sequence number.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
