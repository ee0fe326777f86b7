using System.Runtime.InteropServices;

namespace DistSys.Transport.SharedMemory;

/// <summary>
/// The handful of libc calls the doorbell needs. .NET has no cross-process wait primitive on Linux
/// (named semaphores and events are Windows-only), so the doorbell is a FIFO driven directly.
/// Constants are Linux's; <see cref="EnsureSupported"/> refuses other systems up front.
/// </summary>
internal static unsafe partial class Libc
{
    public const int ORdWr = 0x2;
    public const int ONonBlock = 0x800;
    public const int OCloExec = 0x80000;
    public const short PollIn = 0x1;
    public const uint MfdCloExec = 0x1;
    public const uint MfdAllowSealing = 0x2;
    public const int FAddSeals = 1033;
    public const int FSealSeal = 0x1;
    public const int FSealShrink = 0x2;
    public const int FSealGrow = 0x4;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int FTruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int FCntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    public static void EnsureSupported()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the shared-memory ring's doorbell uses Linux FIFOs");
        }
    }
}
