using System.Runtime.InteropServices;
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
        foreach (var (key, value) in c.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    });

    public static string Write(Dictionary<string, double> sums) => JsonText.Write(sums, static (writer, s) =>
    {
        writer.WriteStartObject();
        foreach (var (key, value) in s.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
    });

    /// <summary>Adds the partitions' objects key by key; whole numbers stay whole.</summary>
    public static void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        // Hashed while adding, sorted once at the end: a sorted tree per key costs a reducer more than
        // the parsing does.
        var whole = new Dictionary<string, long>(StringComparer.Ordinal);
        var fractional = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            using var doc = JsonDocument.Parse(partition);
            foreach (var pair in doc.RootElement.EnumerateObject())
            {
                if (!fractional.ContainsKey(pair.Name) && pair.Value.TryGetInt64(out var n))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(whole, pair.Name, out _) += n;
                }
                else
                {
                    var carried = whole.Remove(pair.Name, out var w) ? w : 0;
                    CollectionsMarshal.GetValueRefOrAddDefault(fractional, pair.Name, out _) += carried + pair.Value.GetDouble();
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
