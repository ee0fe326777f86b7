using System.Buffers;
using System.Text;

namespace DistSys.Plugins.Examples.WordFreqV1;

/// <summary>
/// Request: UTF-8 text. Response: UTF-8 lines "word count", most frequent first (ties by ordinal order).
/// Case and punctuation are kept: "The" and "the." are different words in version 1.
/// </summary>
internal static class WordCount
{
    public static void Count(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in Encoding.UTF8.GetString(input).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        var text = new StringBuilder();
        foreach (var (word, count) in counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append(word).Append(' ').Append(count).Append('\n');
        }

        output.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
