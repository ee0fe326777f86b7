using DistSys.Streams.Events;
using DistSys.Streams.Operators;

namespace DistSys.Streams.Sources;

/// <summary>Emits each non-blank NDJSON line of a buffer read by a source.</summary>
internal static class Lines
{
    public static int EmitAll(ReadOnlySpan<byte> data, EventOutput output)
    {
        var events = 0;
        var lines = new EventBatch.LineEnumerator(data);
        while (lines.MoveNext())
        {
            var line = lines.Current.TrimEnd((byte)'\r');
            if (!line.IsEmpty)
            {
                output.Emit(line);
                events++;
            }
        }

        return events;
    }
}
