using System.Globalization;
using System.Text;
using DistSys.Streams.Events;

namespace DistSys.Streams.Operators;

/// <summary>
/// count, sum, min, max per key: a running value per key (the key's raw JSON), and at each batch's
/// end one event per key that changed in it, <c>{"KEY": k, "count": n}</c>. Events without the key
/// (or, but for count, without a numeric field) are skipped. Lookups go through the span, so a known
/// key costs no allocation.
/// </summary>
internal sealed class AggregateOperator : Operator
{
    public const int MaxKeyBytes = 1024;

    private readonly AggregateKind _kind;
    private readonly byte[] _key;
    private readonly byte[]? _field;
    private readonly byte[] _prefix;
    private readonly byte[] _middle;
    private readonly Dictionary<string, KeyState> _state = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyState>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<KeyState> _changed = [];
    private readonly byte[] _scratch = new byte[MaxKeyBytes + 512];

    public AggregateOperator(AggregateKind kind, string key, string? field)
    {
        _kind = kind;
        _key = Encoding.UTF8.GetBytes(key);
        _field = field is null ? null : Encoding.UTF8.GetBytes(field);
        _prefix = Encoding.UTF8.GetBytes($"{{{System.Text.Json.JsonSerializer.Serialize(key)}:");
        _middle = Encoding.UTF8.GetBytes($",\"{kind.Name()}\":");
        _lookup = _state.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Keys => _state.Count;

    public override void OnEvent(ReadOnlySpan<byte> evt, EventOutput output)
    {
        if (!JsonFields.TryGet(evt, _key, out var key, out _) || key.Length > MaxKeyBytes)
        {
            return;
        }

        var value = 1.0;
        if (_field is not null && (!JsonFields.TryGet(evt, _field, out var raw, out var type) || !JsonFields.TryNumber(raw, type, out value)))
        {
            return;
        }

        Span<char> chars = stackalloc char[MaxKeyBytes];
        var name = chars[..Encoding.UTF8.GetChars(key, chars)];
        if (!_lookup.TryGetValue(name, out var state))
        {
            state = new KeyState(key.ToArray(), _kind is AggregateKind.Min or AggregateKind.Max ? value : 0);
            _lookup[name] = state;
            if (_kind is AggregateKind.Min or AggregateKind.Max)
            {
                Changed(state);
                return;
            }
        }

        var before = state.Value;
        state.Value = _kind switch
        {
            AggregateKind.Count => before + 1,
            AggregateKind.Sum => before + value,
            AggregateKind.Min => Math.Min(before, value),
            _ => Math.Max(before, value),
        };
        if (state.Value != before)
        {
            Changed(state);
        }
    }

    public override void OnBatchEnd(EventOutput output)
    {
        foreach (var state in _changed)
        {
            state.Changed = false;
            var span = _scratch.AsSpan();
            _prefix.CopyTo(span);
            var at = _prefix.Length;
            state.Key.CopyTo(span[at..]);
            at += state.Key.Length;
            _middle.CopyTo(span[at..]);
            at += _middle.Length;
            state.Value.TryFormat(span[at..], out var written, "R", CultureInfo.InvariantCulture);
            at += written;
            span[at++] = (byte)'}';
            output.Emit(span[..at]);
        }

        _changed.Clear();
    }

    private void Changed(KeyState state)
    {
        if (!state.Changed)
        {
            state.Changed = true;
            _changed.Add(state);
        }
    }

    private sealed class KeyState(byte[] key, double value)
    {
        public byte[] Key { get; } = key;

        public double Value { get; set; } = value;

        public bool Changed { get; set; }
    }
}
