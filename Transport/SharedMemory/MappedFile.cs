using System.Diagnostics.CodeAnalysis;
using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DistSys.Transport.SharedMemory;

/// <summary>Memory mapped read-write and shared, with its base pointer acquired for the mapping's lifetime.</summary>
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

    /// <summary>
    /// Creates <paramref name="length"/> zero bytes of sealed shared memory and makes <paramref name="path"/>
    /// (which must not exist) a symbolic link to it that another process of this user can open.
    /// </summary>
    /// <remarks>
    /// Why not a plain file: the other process could truncate a plain file under our mapping, and our next
    /// access would be a SIGBUS that kills this whole process. A memfd sealed against shrinking and growing
    /// refuses that truncation for everyone, so a hostile peer can scribble on the bytes (which are
    /// validated) but never take the mapping away.
    /// </remarks>
    public static MappedFile Create(string path, long length)
    {
        var fd = Libc.MemfdCreate("distsys-ring", Libc.MfdCloExec | Libc.MfdAllowSealing);
        if (fd < 0)
        {
            ThrowErrno("memfd_create");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (Libc.FTruncate(fd, length) != 0)
            {
                ThrowErrno("ftruncate");
            }

            if (Libc.FCntl(fd, Libc.FAddSeals, Libc.FSealShrink | Libc.FSealGrow | Libc.FSealSeal) != 0)
            {
                ThrowErrno("sealing the ring memory");
            }

            // /proc/PID/fd/N is how another process opens our memfd; the link lives as long as the fd.
            File.CreateSymbolicLink(path, $"/proc/{Environment.ProcessId}/fd/{fd}");
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        var file = MemoryMappedFile.CreateFromFile(handle, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        try
        {
            return new MappedFile(file, length);
        }
        catch
        {
            file.Dispose();
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Maps the first <paramref name="length"/> bytes of an open file; takes ownership of <paramref name="stream"/>.</summary>
    public static MappedFile Map(FileStream stream, long length)
    {
        MemoryMappedFile? file = null;
        try
        {
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

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowErrno(string what) =>
        throw new IOException($"{what} failed: errno {Marshal.GetLastPInvokeError()}");

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
