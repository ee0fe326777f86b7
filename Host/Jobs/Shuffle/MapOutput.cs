using System.Text.Encodings.Web;
using System.Text.Json;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs.Shuffle;

/// <summary>
/// One map attempt's buckets as it writes them: a file per bucket, each a sequence of JSON objects
/// of key → number, one object per run of the task's table (a line each; a bucket no key of a run
/// fell into gets no object for it, and may stay empty). Keys go to their bucket as the table hands
/// them over, so nothing but the table itself is ever held.
/// </summary>
internal sealed class MapOutput : IKeyedOutput, IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream[] _files;
    private readonly Utf8JsonWriter[] _writers;
    private readonly bool[] _inRun;

    public MapOutput(Func<int, string> pathOf, int buckets, long tableLimitBytes)
    {
        TableLimitBytes = tableLimitBytes;
        _files = new FileStream[buckets];
        _writers = new Utf8JsonWriter[buckets];
        _inRun = new bool[buckets];
        try
        {
            for (var b = 0; b < buckets; b++)
            {
                _files[b] = new FileStream(pathOf(b), FileMode.Create, FileAccess.Write, FileShare.Read, 64 << 10);
                _writers[b] = new Utf8JsonWriter(_files[b], s_options);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public long TableLimitBytes { get; }

    public void Write(ReadOnlySpan<byte> utf8Key, long value)
    {
        var writer = Open(utf8Key);
        writer.WritePropertyName(utf8Key);
        writer.WriteNumberValue(value);
    }

    public void Write(ReadOnlySpan<byte> utf8Key, double value)
    {
        var writer = Open(utf8Key);
        writer.WritePropertyName(utf8Key);
        writer.WriteNumberValue(value);
    }

    public void EndRun()
    {
        for (var b = 0; b < _writers.Length; b++)
        {
            if (_inRun[b])
            {
                _writers[b].WriteEndObject();
                _writers[b].Flush();
                _files[b].WriteByte((byte)'\n');
                _writers[b].Reset(_files[b]);
                _inRun[b] = false;
            }
        }
    }

    /// <summary>The buckets' sizes in bytes, once the last run has ended; the files are flushed.</summary>
    public long[] Sizes()
    {
        var sizes = new long[_files.Length];
        for (var b = 0; b < _files.Length; b++)
        {
            _files[b].Flush();
            sizes[b] = _files[b].Length;
        }

        return sizes;
    }

    public void Dispose()
    {
        foreach (var writer in _writers)
        {
            writer?.Dispose();
        }

        foreach (var file in _files)
        {
            file?.Dispose();
        }
    }

    private Utf8JsonWriter Open(ReadOnlySpan<byte> utf8Key)
    {
        var bucket = ShuffleFiles.BucketOf(utf8Key, _writers.Length);
        var writer = _writers[bucket];
        if (!_inRun[bucket])
        {
            writer.WriteStartObject();
            _inRun[bucket] = true;
        }

        return writer;
    }
}
