using System.Runtime.InteropServices;

namespace DistSys.Bench.Distribution;

internal static partial class Libc
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
