using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DistSys.Jobs.Storage;

/// <summary>
/// A job's output as files, one part per task: <c>OUTPUTS/JOB/part-NNNNN</c> in NDJSON — an array
/// result one element a line, a keyed result one <c>{"key","value"}</c> a line, any other result one
/// line. Results up to <see cref="InlineBytes"/> stay in the store's row instead (a trivial task's
/// number is smaller than a file's own metadata), so a million-task job makes no million files.
/// </summary>
internal sealed class PartFiles(string directory)
{
    /// <summary>Results longer than this (UTF-8 bytes of their JSON) are written as part files.</summary>
    public const int InlineBytes = 4096;

    private static readonly JsonWriterOptions s_line = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Directory { get; } = directory;

    public string PathOf(string jobId, int index) => Path.Combine(Directory, jobId, $"part-{index:D5}");

    /// <summary>The lines one result becomes, and how to read them back (<c>array</c>, <c>object</c> or <c>value</c>).</summary>
    public static string KindOf(JsonElement result) => result.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "value",
    };

    /// <summary>Writes <paramref name="json"/>'s part durably (a temporary file, flushed to disk, renamed into place) and describes it.</summary>
    public PartInfo Write(string jobId, int index, string json)
    {
        var path = PathOf(jobId, index);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using var document = JsonDocument.Parse(json);
        var kind = KindOf(document.RootElement);
        long lines = 0;
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 << 10))
        {
            foreach (var line in Lines(document.RootElement))
            {
                file.Write(line);
                file.WriteByte((byte)'\n');
                lines++;
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        using var read = File.OpenRead(path);
        return new PartInfo(kind, read.Length, lines, Convert.ToHexStringLower(SHA256.HashData(read)));
    }

    /// <summary>The NDJSON lines of one result, by the rule above.</summary>
    public static IEnumerable<byte[]> Lines(JsonElement result)
    {
        switch (result.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in result.EnumerateArray())
                {
                    yield return Encode(w => item.WriteTo(w));
                }

                break;
            case JsonValueKind.Object:
                foreach (var pair in result.EnumerateObject())
                {
                    yield return Encode(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("key", pair.Name);
                        w.WritePropertyName("value");
                        pair.Value.WriteTo(w);
                        w.WriteEndObject();
                    });
                }

                break;
            default:
                yield return Encode(result.WriteTo);
                break;
        }
    }

    /// <summary>A part read back as the task's JSON result, for the combined result of a small job.</summary>
    public string ReadJson(string jobId, int index, string kind)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_line))
        {
            if (kind == "array")
            {
                writer.WriteStartArray();
            }
            else if (kind == "object")
            {
                writer.WriteStartObject();
            }

            foreach (var line in File.ReadLines(PathOf(jobId, index)))
            {
                using var element = JsonDocument.Parse(line);
                if (kind == "object")
                {
                    writer.WritePropertyName(element.RootElement.GetProperty("key").GetString()!);
                    element.RootElement.GetProperty("value").WriteTo(writer);
                }
                else
                {
                    element.RootElement.WriteTo(writer);
                }
            }

            if (kind == "array")
            {
                writer.WriteEndArray();
            }
            else if (kind == "object")
            {
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static byte[] Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, s_line))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>What the store keeps of a part file: how to read it back, its size, line count and SHA-256.</summary>
internal sealed record PartInfo(string Kind, long Bytes, long Lines, string Sha256);
