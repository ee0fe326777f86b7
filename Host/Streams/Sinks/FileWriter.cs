namespace DistSys.Streams.Sinks;

/// <summary>file: NDJSON appended to the instance's part file, flushed to disk at each commit (so an acknowledged event is on disk).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "Closed when its sink ends; an instance that crashes leaves it to the finalizer, having flushed every acknowledged batch.")]
internal sealed class FileWriter : SinkWriter
{
    private static readonly byte[] s_newline = "\n"u8.ToArray();

    private FileStream? _file;
    private readonly string _path;

    public FileWriter(string path)
    {
        _path = path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    }

    public override void Write(ReadOnlySpan<byte> evt)
    {
        _file ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 << 10);
        _file.Write(evt);
        _file.Write(s_newline);
    }

    public override void Commit() => _file?.Flush(flushToDisk: true);

    public override void Close()
    {
        _file?.Dispose();
        _file = null;
    }
}
