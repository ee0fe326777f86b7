using System.Buffers;
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

    /// <summary>Decodes <paramref name="line"/> into a pooled buffer and hands its characters to <paramref name="use"/>.</summary>
    public static void Decode<TState>(ReadOnlySpan<byte> line, TaskInput input, long offset, ref TState state, CharsHandler<TState> use)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, line.Length));
        try
        {
            int count;
            try
            {
                count = s_strict.GetChars(line, chars);
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException($"{input.Where(offset)}: the line is not UTF-8");
            }

            use(chars.AsSpan(0, count), ref state);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
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

/// <summary>Receives a decoded line's characters, with state the caller threads through.</summary>
internal delegate void CharsHandler<TState>(ReadOnlySpan<char> chars, ref TState state);
