using System.Buffers;
using DistSys.Streams.Operators;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Sources;

/// <summary>
/// A file source: an NDJSON file under the input root, read from a byte offset in whole lines. At its
/// end it is exhausted, or, following, waits for appends (a last line without its newline is read once
/// the file stops growing only when not following). A stop (<see cref="Drain"/>) reads on to the end the
/// file has at that moment, so lines written before the stop are not lost to a reader that was behind.
/// </summary>
internal sealed class FileSource(FileSourceSpec spec, long offset) : EventSource(offset)
{
    private const int ReadBytes = 1 << 20;

    private bool _atEnd;
    private long _end = long.MaxValue;

    public override bool Exhausted => _atEnd && (!spec.Follow || _end != long.MaxValue);

    public override TimeSpan Idle => TimeSpan.FromMilliseconds(200);

    public override int Read(EventOutput output, int maxEvents)
    {
        var limit = (int)Math.Min(ReadBytes, _end - Offset);
        if (Exhausted || limit <= 0)
        {
            _atEnd = true;
            return 0;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ReadBytes);
        try
        {
            using var file = File.OpenHandle(spec.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var read = RandomAccess.Read(file, buffer.AsSpan(0, limit), Offset);
            var whole = buffer.AsSpan(0, read).LastIndexOf((byte)'\n') + 1;
            if (read == 0 || (whole == 0 && read < ReadBytes))
            {
                // A followed file's unfinished last line is not an event yet, even when a stop came.
                _atEnd = true;
                whole = spec.Follow ? 0 : read;
            }
            else if (whole == 0)
            {
                // A line longer than a read: skipped whole, as a malformed event would be.
                Offset += read;
                return 0;
            }
            else
            {
                _atEnd = false;
            }

            Offset += whole;
            return Lines.EmitAll(buffer.AsSpan(0, whole), output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Drain()
    {
        try
        {
            _end = Math.Max(Offset, new FileInfo(spec.Path).Length);
        }
        catch (IOException)
        {
            _end = Offset; // gone or unreadable: nothing more to read
        }

        _atEnd = _end <= Offset;
    }
}
