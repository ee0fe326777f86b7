using System.Runtime.InteropServices;

namespace DistSys.Plugins.Store;

/// <summary>What .NET does not say about a path: whether it is a regular file, and its canonical form (every link resolved).</summary>
internal static unsafe partial class FileChecks
{
    private const uint TypeMask = 0xF000;
    private const uint Regular = 0x8000;
    private const int ModeOffset = 24; // struct stat on x86-64 Linux: st_dev, st_ino, st_nlink (8 bytes each), st_mode

    /// <summary>True for a regular file (after links): not a directory, FIFO, socket or device.</summary>
    public static bool IsRegularFile(string path)
    {
        var buffer = stackalloc byte[256];
        return Stat(path, buffer) == 0 && (*(uint*)(buffer + ModeOffset) & TypeMask) == Regular;
    }

    /// <summary>The canonical absolute path (realpath(3)), or null if it does not exist.</summary>
    public static string? Canonical(string path)
    {
        var resolved = RealPath(path, null);
        if (resolved is null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)resolved);
        }
        finally
        {
            NativeMemory.Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* buffer);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial byte* RealPath(string path, byte* resolved);
}
