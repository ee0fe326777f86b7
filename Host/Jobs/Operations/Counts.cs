using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// Merges the keyed results of <c>wordcount</c>, <c>count_by</c> and <c>sum_by</c> by adding them key by
/// key: a reduce task folds in its bucket of each map output as it arrives (so it holds the totals
/// and one bucket, never every bucket at once), then writes one object, keys in ordinal order. An
/// input is one or more JSON objects of key → number (a map task's bucket holds one per run); whole
/// numbers stay whole, and a key that met a fraction once is a fraction from then on.
/// </summary>
internal sealed class Counts
{
    private static readonly JsonReaderOptions s_runs = new() { AllowMultipleValues = true };

    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _whole =
        new Dictionary<string, long>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _fractional =
        new Dictionary<string, double>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private char[] _name = new char[256];

    /// <summary>The merge of whole results (strings), as the master combines the partitions of a job that did not shuffle.</summary>
    public static void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        var counts = new Counts();
        foreach (var partition in partitions)
        {
            counts.Add(Encoding.UTF8.GetBytes(partition));
        }

        counts.WriteTo(writer);
    }

    /// <summary>Adds every key of the objects in <paramref name="utf8"/>; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public void Add(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, s_runs);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject when reader.CurrentDepth == 0:
                case JsonTokenType.EndObject:
                    continue;
                case JsonTokenType.PropertyName:
                    var name = Name(ref reader);
                    if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
                    {
                        throw NotCounts();
                    }

                    Add(name, ref reader);
                    break;
                default:
                    throw NotCounts();
            }
        }
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var key in _whole.Dictionary.Keys.Concat(_fractional.Dictionary.Keys).Order(StringComparer.Ordinal))
        {
            if (_whole.Dictionary.TryGetValue(key, out var n))
            {
                writer.WriteNumber(key, n);
            }
            else
            {
                writer.WriteNumber(key, _fractional.Dictionary[key]);
            }
        }

        writer.WriteEndObject();
    }

    private void Add(scoped ReadOnlySpan<char> name, ref Utf8JsonReader reader)
    {
        if (!_fractional.ContainsKey(name) && reader.TryGetInt64(out var n))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_whole, name, out _) += n;
        }
        else
        {
            var carried = _whole.Remove(name, out _, out var w) ? w : 0;
            CollectionsMarshal.GetValueRefOrAddDefault(_fractional, name, out _) += carried + reader.GetDouble();
        }
    }

    private ReadOnlySpan<char> Name(ref Utf8JsonReader reader)
    {
        // Never more characters than UTF-8 bytes, escaped or not.
        var most = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (_name.Length < most)
        {
            _name = new char[most];
        }

        return _name.AsSpan(0, reader.CopyString(_name));
    }

    private static InvalidDataException NotCounts() => new("a keyed result holds something other than objects of key → number");
}
