using System.Text;
using System.Text.Json;
using DistSys.Streams.Events;

namespace DistSys.Streams.Operators;

/// <summary>
/// flat_map: one event per element of an array field, that field replaced by the element; an event
/// without the field (or where it is not an array) emits nothing.
/// </summary>
internal sealed class FlatMapOperator(string field) : Operator
{
    private readonly byte[] _field = Encoding.UTF8.GetBytes(field);
    private readonly EventRewriter _rewriter = new();

    public override void OnEvent(ReadOnlySpan<byte> evt, EventOutput output)
    {
        if (!JsonFields.TryGet(evt, _field, out var array, out var type) || type != JsonTokenType.StartArray)
        {
            return;
        }

        var reader = new Utf8JsonReader(array);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            var element = array[start..(int)reader.BytesConsumed];
            var writer = _rewriter.Begin();
            var state = (writer, this, element.ToArray());
            EventRewriter.ForEachProperty(evt, ref state, static (ref (Utf8JsonWriter Writer, FlatMapOperator Self, byte[] Element) s, ReadOnlySpan<byte> name, ReadOnlySpan<byte> raw) =>
            {
                s.Writer.WritePropertyName(name);
                s.Writer.WriteRawValue(name.SequenceEqual(s.Self._field) ? s.Element : raw, skipInputValidation: true);
            });
            output.Emit(_rewriter.End());
        }
    }
}
