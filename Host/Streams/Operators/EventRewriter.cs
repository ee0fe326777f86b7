using System.Buffers;
using System.Text.Json;

namespace DistSys.Streams.Operators;

/// <summary>
/// The writer map and flat_map build their events with: one reused buffer and <see cref="Utf8JsonWriter"/>,
/// so rewriting an event allocates nothing once warm.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The writer writes into a managed buffer and holds nothing to release; it lives as long as its operator.")]
internal sealed class EventRewriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public EventRewriter() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        return _writer;
    }

    public ReadOnlySpan<byte> End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    /// <summary>Each top-level property of an event: its name (unescaped as read) and raw value.</summary>
    public static bool ForEachProperty<TState>(ReadOnlySpan<byte> evt, ref TState state, PropertyAction<TState> action)
    {
        var reader = new Utf8JsonReader(evt);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // An escaped name is rare: unescaped through a string.
                var nameBytes = reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }

                action(ref state, nameBytes, evt[start..(int)reader.BytesConsumed]);
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public delegate void PropertyAction<TState>(ref TState state, ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawValue);
}
