using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace DistSys.Jobs.Operations;

/// <summary>
/// A keyed operation's running totals, key → <typeparamref name="T"/> (counts as <see cref="long"/>,
/// sums as <see cref="double"/>). Without an output the table is the partition's result object
/// (<see cref="ToJson"/>); with one — a map task of a shuffled job — it writes itself out as a run
/// and starts empty whenever its estimated size passes the output's limit, so its memory is bounded.
/// </summary>
internal sealed class KeyedTable<T> where T : struct, INumber<T>
{
    // A Dictionary<string, T> entry (hash, next, key, value), its bucket, and the key string's header.
    private const int EntryBytes = 64;

    private readonly Dictionary<string, T> _table = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly IKeyedOutput? _output;
    private readonly long _limit;
    private byte[] _utf8 = new byte[256];

    /// <param name="output">Where runs go; null keeps every key.</param>
    /// <param name="spills">False when the caller watches the limit itself (a table beside another, as in <c>wordcount</c>).</param>
    public KeyedTable(IKeyedOutput? output, bool spills = true)
    {
        _lookup = _table.GetAlternateLookup<ReadOnlySpan<char>>();
        _output = output;
        _limit = output is not null && spills ? output.TableLimitBytes : long.MaxValue;
    }

    /// <summary>About how many bytes the table holds.</summary>
    public long EstimatedBytes { get; private set; }

    public void Add(ReadOnlySpan<char> key, T value)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_lookup, key, out var exists) += value;
        if (!exists && (EstimatedBytes += EntryBytes + 2L * key.Length) > _limit)
        {
            WriteTo(_output!);
            _output!.EndRun();
        }
    }

    /// <summary>Writes every key to <paramref name="output"/> (without ending the run) and empties the table.</summary>
    public void WriteTo(IKeyedOutput output)
    {
        foreach (var (key, value) in _table)
        {
            var length = Encoding.UTF8.GetMaxByteCount(key.Length);
            if (_utf8.Length < length)
            {
                _utf8 = new byte[length];
            }

            var utf8 = _utf8.AsSpan(0, Encoding.UTF8.GetBytes(key, _utf8));
            if (typeof(T) == typeof(long))
            {
                output.Write(utf8, long.CreateTruncating(value));
            }
            else
            {
                output.Write(utf8, double.CreateTruncating(value));
            }
        }

        _table.Clear();
        EstimatedBytes = 0;
    }

    /// <summary>Ends a map task: what is left goes out as the last run.</summary>
    public void Finish()
    {
        WriteTo(_output!);
        _output!.EndRun();
    }

    /// <summary>The table as a partition's result: one JSON object, keys in ordinal order.</summary>
    public string ToJson() => JsonText.Write(_table, static (writer, table) =>
    {
        writer.WriteStartObject();
        foreach (var (key, value) in table.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (typeof(T) == typeof(long))
            {
                writer.WriteNumber(key, long.CreateTruncating(value));
            }
            else
            {
                writer.WriteNumber(key, double.CreateTruncating(value));
            }
        }

        writer.WriteEndObject();
    });

    /// <summary>The table as it is, for <c>wordcount</c>'s fast path to add into.</summary>
    public Dictionary<string, T> Dictionary => _table;
}
