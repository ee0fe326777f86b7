using System.Buffers;
using DistSys.Streams.Operators;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Sources;

/// <summary>
/// A file source: an NDJSON file under the input root, read from a byte offset in whole lines. At its
/// end it is exhausted, or, following, waits for appends (a last line without its newline is read once
/// the file stops growing only when not following).
/// </summary>
internal sealed class FileSource(FileSourceSpec spec, long offset) : EventSource(offset)
{
    private const int ReadBytes = 1 << 20;

    private bool _atEnd;
    private bool _drained;

    public override bool Exhausted => _atEnd && (!spec.Follow || _drained);

    public override TimeSpan Idle => TimeSpan.FromMilliseconds(200);

    public override int Read(EventOutput output, int maxEvents)
    {
        if (Exhausted)
        {
            return 0;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ReadBytes);
        try
        {
            using var file = File.OpenHandle(spec.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var read = RandomAccess.Read(file, buffer.AsSpan(0, ReadBytes), Offset);
            var whole = buffer.AsSpan(0, read).LastIndexOf((byte)'\n') + 1;
            if (read == 0 || (whole == 0 && read < ReadBytes))
            {
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
        _drained = true;
        _atEnd = _atEnd || spec.Follow;
    }
}
