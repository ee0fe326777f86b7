using System.Runtime.InteropServices;

namespace DistSys.Plugins.Sandbox;

/// <summary>The few libc calls the launcher needs: descriptors a plugin inherits, and handing its home and doorbells to nobody on a root node.</summary>
internal static unsafe partial class SandboxLibc
{
    public const int ReadWrite = 2;

    /// <summary>nobody/nogroup: the uid and gid of every plugin, inside its sandbox and, on a root node, outside too.</summary>
    public const int Nobody = 65534;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Chown(string path, int owner, int group);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MemfdCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    public static partial long Seek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
