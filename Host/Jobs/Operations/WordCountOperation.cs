using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// <c>wordcount</c>: counts words (runs of letters, digits and apostrophes, case-folded) in each
/// partition's lines — of plain text, or of one string field of NDJSON objects (<c>"field"</c>); the
/// job's result is one object of word → count, words in ordinal order.
/// </summary>
internal sealed class WordCountOperation : IKeyedOperation
{
    public string Name => "wordcount";

    public OperationInput Input => OperationInput.Text;

    public TaskPlacement PlaceFor(TaskInput input) => CpuBound.PlaceFor(input);

    public async ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await input.ForEachLineAsync((offset, line) => CountLine(input, offset, line, counts), cancellation).ConfigureAwait(false);
        return Counts.Write(counts);
    }

    private static void CountLine(TaskInput input, long offset, ReadOnlySpan<byte> line, Dictionary<string, long> counts)
    {
        if (input.IsNdjson)
        {
            if (LineText.IsBlank(line) || !LineText.TryField(line, input.Field!, input, offset, out var type, out var text, out _) || type != JsonTokenType.String)
            {
                return;
            }

            CountWords(text, ref counts);
            return;
        }

        LineText.Decode(line, input, offset, ref counts, CountWords);
    }

    private static void CountWords(ReadOnlySpan<char> text, ref Dictionary<string, long> counts)
    {
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[256];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\'');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i];
                var folded = word.Length <= lower.Length ? lower[..word.Length] : new char[word.Length];
                word.ToLowerInvariant(folded);
                ReadOnlySpan<char> key = folded;
                lookup[key] = lookup.TryGetValue(key, out var count) ? count + 1 : 1;
                start = -1;
            }
        }
    }

    // Shuffled: each key is in exactly one reducer's part, so the parts together are the result.
    public bool ResultIsItsParts => true;

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer) => Counts.Combine(partitions, writer);
}
