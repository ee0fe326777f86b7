using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>Small JSON helpers the operations share: write a value to a string, read a partition's result.</summary>
internal static class JsonText
{
    // Results are data for programs, not HTML: keep "dog's" and "año" readable instead of \u0027 escapes.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> write) =>
        Encoding.UTF8.GetString(WriteUtf8(state, write).WrittenSpan);

    /// <summary>The value as UTF-8 bytes: for a result that may be too large to hold twice, as a string too.</summary>
    public static ArrayBufferWriter<byte> WriteUtf8<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            write(writer, state);
        }

        return buffer;
    }

    public static string WriteNumberArray(TaskInput input, Func<double, double> map) =>
        Write((input, map), static (writer, s) =>
        {
            writer.WriteStartArray();
            for (var i = 0L; i < s.input.Count; i++)
            {
                writer.WriteNumberValue(s.map(s.input.NumberAt(i)));
            }

            writer.WriteEndArray();
        });

    public static void CopyArrayElements(string partition, Utf8JsonWriter writer)
    {
        using var doc = JsonDocument.Parse(partition);
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            item.WriteTo(writer);
        }
    }
}
