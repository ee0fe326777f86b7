using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DistSys.Plugins.Examples.WordFreqV2;

/// <summary>
/// Request: UTF-8 text. Response: a JSON object {"word": count, ...}, most frequent first. Unlike
/// version 1, words are lower-cased runs of letters and digits, so "The" and "the." count together.
/// </summary>
internal static class WordCount
{
    public static void Count(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = Encoding.UTF8.GetString(input);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].ToLowerInvariant();
                counts[word] = counts.GetValueOrDefault(word) + 1;
                start = -1;
            }
        }

        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        foreach (var (word, count) in counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(word, count);
        }

        json.WriteEndObject();
    }
}
