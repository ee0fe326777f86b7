using System.Text;
using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// Decoding a partition's lines: strict UTF-8 (a line that is not fails the task, naming its file and
/// byte offset, so a poison partition is reported rather than miscounted) and the one top-level field
/// of an NDJSON object an operation asks for.
/// </summary>
internal static class LineText
{
    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes <paramref name="line"/> into <paramref name="chars"/> (grown when too small; the caller keeps
    /// it for the next line) and returns the characters.
    /// </summary>
    public static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> line, TaskInput input, long offset, ref char[] chars)
    {
        if (chars.Length < line.Length)
        {
            chars = new char[Math.Max(line.Length, chars.Length * 2)];
        }

        try
        {
            return chars.AsSpan(0, s_strict.GetChars(line, chars));
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{input.Where(offset)}: the line is not UTF-8");
        }
    }

    /// <summary>True for a line of only spaces and tabs (or none): NDJSON skips it.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t"u8).IsEmpty;

    /// <summary>
    /// Finds top-level field <paramref name="name"/> of the JSON object on <paramref name="line"/>; the
    /// whole line is checked, so a line that is not one JSON object fails the task. False when the
    /// object lacks the field or holds null there.
    /// </summary>
    public static bool TryField(ReadOnlySpan<byte> line, string name, TaskInput input, long offset, out JsonTokenType type, out string text, out double number)
    {
        type = JsonTokenType.None;
        text = string.Empty;
        number = 0;
        var found = false;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException($"{input.Where(offset)}: the line is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = !found && reader.ValueTextEquals(name);
                reader.Read();
                if (match && reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False)
                {
                    found = true;
                    type = reader.TokenType;
                    text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                    number = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : 0;
                }

                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new InvalidDataException($"{input.Where(offset)}: the line holds more than one JSON object");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{input.Where(offset)}: the line is not valid JSON ({ex.Message.Split('.')[0]})");
        }

        return found;
    }
}
