using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// The keyed results of <c>wordcount</c>, <c>count_by</c> and <c>sum_by</c>: a partition's result is a
/// JSON object of key → number, keys in ordinal order; the job's result merges them by adding.
/// </summary>
internal static class Counts
{
    public static string Write(Dictionary<string, long> counts) => JsonText.Write(counts, static (writer, c) =>
    {
        writer.WriteStartObject();
        foreach (var key in c.Keys.Order(StringComparer.Ordinal))
        {
            writer.WriteNumber(key, c[key]);
        }

        writer.WriteEndObject();
    });

    public static string Write(Dictionary<string, double> sums) => JsonText.Write(sums, static (writer, s) =>
    {
        writer.WriteStartObject();
        foreach (var key in s.Keys.Order(StringComparer.Ordinal))
        {
            writer.WriteNumber(key, s[key]);
        }

        writer.WriteEndObject();
    });

    /// <summary>Adds the partitions' objects key by key; whole numbers stay whole.</summary>
    public static void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        var whole = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var fractional = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            using var doc = JsonDocument.Parse(partition);
            foreach (var pair in doc.RootElement.EnumerateObject())
            {
                if (!fractional.ContainsKey(pair.Name) && pair.Value.TryGetInt64(out var n))
                {
                    whole[pair.Name] = whole.GetValueOrDefault(pair.Name) + n;
                }
                else
                {
                    var carried = whole.Remove(pair.Name, out var w) ? w : 0;
                    fractional[pair.Name] = fractional.GetValueOrDefault(pair.Name) + carried + pair.Value.GetDouble();
                }
            }
        }

        writer.WriteStartObject();
        foreach (var key in whole.Keys.Concat(fractional.Keys).Order(StringComparer.Ordinal))
        {
            if (whole.TryGetValue(key, out var n))
            {
                writer.WriteNumber(key, n);
            }
            else
            {
                writer.WriteNumber(key, fractional[key]);
            }
        }

        writer.WriteEndObject();
    }
}
