using System.Runtime.InteropServices;

namespace DistSys.Jobs.Inputs;

internal sealed partial class InputRoot
{
    /// <summary>
    /// The libc calls .NET does not expose: realpath, a non-blocking open (a FIFO would block a
    /// FileStream's open forever) and statx, whose layout, unlike stat's, is the same on every
    /// architecture. Constants are Linux's.
    /// </summary>
    private static unsafe partial class Native
    {
        public const int ORdOnly = 0x0;
        public const int ONonBlock = 0x800;
        public const int OCloExec = 0x80000;
        public const int EPerm = 1;
        public const int ENoEnt = 2;
        public const int EAcces = 13;
        public const int ENotDir = 20;
        public const int ELoop = 40;

        private const int AtEmptyPath = 0x1000;
        private const uint StatxType = 0x1;
        private const int StatxSize = 256;
        private const int StatxModeOffset = 28;
        private const ushort SIfMt = 0xF000;
        private const ushort SIfReg = 0x8000;

        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int Open(string path, int flags);

        public static string? RealPath(string path)
        {
            var resolved = RealPathCore(path, 0);
            if (resolved == 0)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                NativeMemory.Free((void*)resolved);
            }
        }

        public static bool IsRegularFile(int fd)
        {
            var buffer = stackalloc byte[StatxSize];
            if (Statx(fd, "", AtEmptyPath, StatxType, buffer) != 0)
            {
                return false;
            }

            var mode = *(ushort*)(buffer + StatxModeOffset);
            return (mode & SIfMt) == SIfReg;
        }

        [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
        private static partial nint RealPathCore(string path, nint resolved);

        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
    }
}
