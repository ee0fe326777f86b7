using System.IO.MemoryMappedFiles;

namespace DistSys.Transport.SharedMemory;

/// <summary>A file mapped read-write and shared, with its base pointer acquired for the mapping's lifetime.</summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private int _disposed;

    private MappedFile(MemoryMappedFile file, long length)
    {
        _file = file;
        _view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        Pointer = pointer + _view.PointerOffset;
        Length = length;
    }

    public byte* Pointer { get; }

    public long Length { get; }

    /// <summary>Creates a new owner-only file of <paramref name="length"/> zero bytes; fails if the path exists.</summary>
    public static MappedFile Create(string path, long length)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite,
        };
        if (!OperatingSystem.IsWindows())
        {
            // The other process is the same user; nobody else may read or scribble on the rings.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return Map(new FileStream(path, options), length, setLength: true);
    }

    /// <summary>Maps the first <paramref name="length"/> bytes of an open file; takes ownership of <paramref name="stream"/>.</summary>
    public static MappedFile Map(FileStream stream, long length, bool setLength = false)
    {
        MemoryMappedFile? file = null;
        try
        {
            if (setLength)
            {
                stream.SetLength(length);
            }

            file = MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            return new MappedFile(file, length);
        }
        catch
        {
            // The mapping owns the stream once created; before that the stream is ours to close.
            if (file is null)
            {
                stream.Dispose();
            }
            else
            {
                file.Dispose();
            }

            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
