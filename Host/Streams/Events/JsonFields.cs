using System.Globalization;
using System.Text.Json;

namespace DistSys.Streams.Events;

/// <summary>
/// Reads one top-level field of an event (one JSON object, UTF-8) without allocating: the raw
/// bytes of its value (a string with its quotes, an object or array whole) and its token type.
/// </summary>
internal static class JsonFields
{
    public static bool TryGet(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> raw, out JsonTokenType type)
    {
        raw = default;
        type = JsonTokenType.None;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(name);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                type = reader.TokenType;
                if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                if (match)
                {
                    raw = json[start..(int)reader.BytesConsumed];
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed event has no fields: the parsers upstream keep these out, a plugin may not.
        }

        type = JsonTokenType.None;
        return false;
    }

    /// <summary>A raw JSON number as a double; false for anything else.</summary>
    public static bool TryNumber(ReadOnlySpan<byte> raw, JsonTokenType type, out double value)
    {
        value = 0;
        return type == JsonTokenType.Number && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
