using System.Text.Json;
using DistSys.Streams.Events;

namespace DistSys.Streams.Operators;

/// <summary>A constant a predicate compares with: its raw JSON and, for a number, its value.</summary>
internal sealed class Operand
{
    private readonly byte[] _raw;
    private readonly JsonTokenType _type;
    private readonly double _number;

    public Operand(JsonElement value)
    {
        _raw = System.Text.Encoding.UTF8.GetBytes(value.GetRawText());
        _type = value.ValueKind switch
        {
            JsonValueKind.Number => JsonTokenType.Number,
            JsonValueKind.String => JsonTokenType.String,
            JsonValueKind.True => JsonTokenType.True,
            JsonValueKind.False => JsonTokenType.False,
            JsonValueKind.Null => JsonTokenType.Null,
            _ => JsonTokenType.StartObject,
        };
        IsNumber = JsonFields.TryNumber(_raw, _type, out _number);
    }

    public bool IsNumber { get; }

    public bool IsString => _type == JsonTokenType.String;

    public bool EqualTo(ReadOnlySpan<byte> raw, JsonTokenType type) =>
        IsNumber ? JsonFields.TryNumber(raw, type, out var n) && n == _number : raw.SequenceEqual(_raw);

    /// <summary>The sign of value - operand for two numbers or two strings (ordinal); null when they do not compare.</summary>
    public int? CompareFrom(ReadOnlySpan<byte> raw, JsonTokenType type)
    {
        if (IsNumber)
        {
            return JsonFields.TryNumber(raw, type, out var n) ? n.CompareTo(_number) : null;
        }

        return IsString && type == JsonTokenType.String ? Math.Sign(raw.SequenceCompareTo(_raw)) : null;
    }
}
