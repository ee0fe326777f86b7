using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// A wake-up line between two processes: a FIFO carrying 1-byte rings and never any payload.
/// Both sides open it read-write and non-blocking: read-write because a FIFO with no writer reports
/// end-of-file (and poll wakes forever) once the other side closes, and a FIFO opened read-write always
/// has a writer; non-blocking because a ring must never stall the producer (a full pipe already holds
/// plenty of pending wake-ups) and draining must stop when the pipe is empty.
/// Bytes stay in the pipe until drained, so a ring that arrives before the wait starts is not lost.
/// </summary>
internal sealed unsafe class Doorbell : IDisposable
{
    private int _fd;

    private Doorbell(int fd) => _fd = fd;

    /// <summary>Creates the FIFO (owner-only) for a channel being created.</summary>
    public static void CreateFifo(string path)
    {
        if (Libc.MkFifo(path, 0b110_000_000) != 0)
        {
            ThrowErrno($"cannot create doorbell FIFO '{path}'");
        }
    }

    public static Doorbell Open(string path)
    {
        var fd = Libc.Open(path, Libc.ORdWr | Libc.ONonBlock | Libc.OCloExec);
        if (fd < 0)
        {
            ThrowErrno($"cannot open doorbell FIFO '{path}'");
        }

        return new Doorbell(fd);
    }

    /// <summary>Wakes the waiter. Never blocks and never fails loudly: EAGAIN means wake-ups are already pending.</summary>
    public void Ring()
    {
        byte one = 1;
        _ = Libc.Write(_fd, &one, 1);
    }

    /// <summary>Blocks until a ring is pending or <paramref name="timeoutMs"/> passes (-1 = forever); EINTR just returns.</summary>
    public void Wait(int timeoutMs)
    {
        var pollFd = new Libc.PollFd { Fd = _fd, Events = Libc.PollIn };
        _ = Libc.Poll(&pollFd, 1, timeoutMs);
    }

    /// <summary>Discards pending rings so the next <see cref="Wait"/> blocks again.</summary>
    public void Drain()
    {
        const int Chunk = 64;
        var buffer = stackalloc byte[Chunk];
        while (Libc.Read(_fd, buffer, Chunk) == Chunk)
        {
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Libc.Close(fd);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowErrno(string what) =>
        throw new IOException($"{what}: errno {Marshal.GetLastPInvokeError()}");
}
