using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// <c>wordcount</c>: counts words (runs of letters, digits and apostrophes, case-folded) in each
/// partition's lines; the job's result is one object of word → count, words in ordinal order.
/// </summary>
internal sealed class WordCountOperation : IJobOperation
{
    public string Name => "wordcount";

    public OperationInput Input => OperationInput.Text;

    public TaskPlacement PlaceFor(TaskInput input) => CpuBound.PlaceFor(input);

    public ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation) => ValueTask.FromResult(Execute(input));

    private static string Execute(TaskInput input)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var text = input.Text.AsSpan();
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
                var word = text[start..i].ToString().ToLowerInvariant();
                counts[word] = counts.GetValueOrDefault(word) + 1;
                start = -1;
            }
        }

        return Write(counts);
    }

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            using var doc = JsonDocument.Parse(partition);
            foreach (var pair in doc.RootElement.EnumerateObject())
            {
                counts[pair.Name] = counts.GetValueOrDefault(pair.Name) + pair.Value.GetInt64();
            }
        }

        WriteTo(writer, counts);
    }

    private static string Write(SortedDictionary<string, long> counts) => JsonText.Write(counts, WriteTo);

    private static void WriteTo(Utf8JsonWriter writer, SortedDictionary<string, long> counts)
    {
        writer.WriteStartObject();
        foreach (var (word, count) in counts)
        {
            writer.WriteNumber(word, count);
        }

        writer.WriteEndObject();
    }
}
