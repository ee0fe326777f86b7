using System.Runtime.InteropServices;

namespace DistSys.Host.Hosting;

/// <summary>
/// A node's files hold job inputs, results and plugin artifacts: the node process creates every
/// file 0600 and every directory 0700 (umask 077), whatever its parent shell's umask, so no store,
/// WAL, log or artifact is ever readable by another user, including files SQLite creates itself.
/// </summary>
internal static partial class ProcessUmask
{
    private const uint OwnerOnly = 0x3F; // 077: no group or world bits

    /// <summary>Sets the process's umask; call before the node creates any file. A no-op off Unix.</summary>
    public static void Enforce()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = Umask(OwnerOnly);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
