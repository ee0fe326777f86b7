using System.Text;
using System.Text.Json;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Operators;

/// <summary>
/// map: keeps the selected fields (all without select), renames, then sets constants (a set field
/// replaces one of the event's). An event that is not a JSON object is dropped.
/// </summary>
internal sealed class MapOperator : Operator
{
    private readonly byte[][]? _select;
    private readonly (byte[] From, byte[] To)[] _rename;
    private readonly (byte[] Name, byte[] Raw)[] _set;
    private readonly EventRewriter _rewriter = new();

    public MapOperator(MapSpec spec)
    {
        _select = spec.Select?.Select(Encoding.UTF8.GetBytes).ToArray();
        _rename = [.. spec.Rename.Select(r => (Encoding.UTF8.GetBytes(r.Key), Encoding.UTF8.GetBytes(r.Value)))];
        _set = [.. spec.Set.Select(s => (Encoding.UTF8.GetBytes(s.Key), Encoding.UTF8.GetBytes(s.Value)))];
    }

    public override void OnEvent(ReadOnlySpan<byte> evt, EventOutput output)
    {
        var writer = _rewriter.Begin();
        var self = this;
        var state = (self, writer);
        if (!EventRewriter.ForEachProperty(evt, ref state, static (ref (MapOperator Self, Utf8JsonWriter Writer) s, ReadOnlySpan<byte> name, ReadOnlySpan<byte> raw) => s.Self.Copy(s.Writer, name, raw)))
        {
            return;
        }

        foreach (var (name, raw) in _set)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(raw, skipInputValidation: true);
        }

        output.Emit(_rewriter.End());
    }

    private void Copy(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> raw)
    {
        if (_select is not null && !Contains(_select, name))
        {
            return;
        }

        foreach (var (from, to) in _rename)
        {
            if (name.SequenceEqual(from))
            {
                name = to;
                break;
            }
        }

        foreach (var (setName, _) in _set)
        {
            if (name.SequenceEqual(setName))
            {
                return;
            }
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(raw, skipInputValidation: true);
    }

    private static bool Contains(byte[][] names, ReadOnlySpan<byte> name)
    {
        foreach (var candidate in names)
        {
            if (name.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
