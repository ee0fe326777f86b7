namespace DistSys.Streams.Storage;

/// <summary>Reading back (the source process) and acknowledging (the runner).</summary>
internal sealed partial class SourceLog
{
    /// <summary>
    /// Reads whole lines from <paramref name="offset"/> into <paramref name="buffer"/>, from one
    /// segment; the count of bytes (0 when there is nothing yet, or no whole line fits).
    /// </summary>
    public int Read(long offset, Span<byte> buffer)
    {
        Segment? segment;
        long length;
        lock (_gate)
        {
            segment = _segments.LastOrDefault(s => s.Start <= offset);
            if (segment is null || offset >= segment.Start + segment.Length)
            {
                return 0;
            }

            length = segment.Length;
            segment.Reader ??= File.OpenHandle(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        var want = (int)Math.Min(buffer.Length, segment.Start + length - offset);
        var read = RandomAccess.Read(segment.Reader, buffer[..want], offset - segment.Start);
        var last = buffer[..read].LastIndexOf((byte)'\n');
        return last + 1;
    }

    /// <summary>Every sink has the events before <paramref name="offset"/>: the space is free, whole segments before it deleted.</summary>
    public void Ack(long offset)
    {
        lock (_gate)
        {
            if (offset <= _acked)
            {
                return;
            }

            _acked = Math.Min(offset, End);
            while (_segments.Count > 1 && _segments[1].Start <= _acked)
            {
                _segments[0].Reader?.Dispose();
                File.Delete(_segments[0].Path);
                _segments.RemoveAt(0);
            }
        }
    }
}
