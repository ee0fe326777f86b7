using Microsoft.Win32.SafeHandles;

namespace DistSys.Streams.Storage;

/// <summary>
/// An http source's durable log in the master's data directory: appended NDJSON, fsynced before the
/// ingest is answered, in segment files named by their first offset. Bounded: what is appended but
/// not yet acknowledged by every sink never exceeds the capacity (an append that would is refused,
/// and the endpoint answers 429); acknowledged segments are deleted. A restart reopens the segments
/// and the source replays from the acknowledged offset.
/// </summary>
internal sealed partial class SourceLog : IDisposable
{
    public const long SegmentBytes = 8 << 20;

    private readonly string _directory;
    private readonly long _capacity;
    private readonly Lock _gate = new();
    private readonly List<Segment> _segments = [];
    private FileStream? _tail;
    private long _acked;
    private Action? _appended;

    public SourceLog(string directory, long capacity, long acked)
    {
        _directory = directory;
        _capacity = capacity;
        Directory.CreateDirectory(directory);
        foreach (var path in Directory.GetFiles(directory, "*.seg").Order(StringComparer.Ordinal))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), out var start))
            {
                _segments.Add(new Segment(start, path, new FileInfo(path).Length));
            }
        }

        End = _segments.Count == 0 ? acked : _segments[^1].Start + _segments[^1].Length;
        _acked = Math.Min(acked, End);
    }

    /// <summary>The offset after the last event appended.</summary>
    public long End { get; private set; }

    public long Acked => Volatile.Read(ref _acked);

    /// <summary>Bytes appended and not yet acknowledged.</summary>
    public long Used => End - Acked;

    public long Capacity => _capacity;

    /// <summary>Called after each append (the source process's wake-up).</summary>
    public void OnAppended(Action? appended) => Volatile.Write(ref _appended, appended);

    /// <summary>Appends whole NDJSON lines and fsyncs them; refused, writing nothing, when they would not fit.</summary>
    public AppendResult Append(ReadOnlySpan<byte> lines)
    {
        AppendResult result;
        lock (_gate)
        {
            if (End - _acked + lines.Length > _capacity)
            {
                return new AppendResult(true, End, End);
            }

            var tail = Tail();
            tail.Write(lines);
            tail.Flush(flushToDisk: true);
            _segments[^1] = _segments[^1] with { Length = _segments[^1].Length + lines.Length };
            result = new AppendResult(false, End, End + lines.Length);
            End = result.End;
        }

        Volatile.Read(ref _appended)?.Invoke();
        return result;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _tail?.Dispose();
            _tail = null;
        }
    }

    private FileStream Tail()
    {
        if (_tail is not null && _segments[^1].Length < SegmentBytes)
        {
            return _tail;
        }

        _tail?.Dispose();
        var path = Path.Combine(_directory, $"{End:D20}.seg");
        _tail = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        if (_segments.Count == 0 || _segments[^1].Start != End)
        {
            _segments.Add(new Segment(End, path, 0));
        }

        return _tail;
    }

    private sealed record Segment(long Start, string Path, long Length)
    {
        public SafeFileHandle? Reader { get; set; }
    }
}
