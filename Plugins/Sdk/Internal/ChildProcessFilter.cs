using System.Runtime.InteropServices;

namespace DistSys.Plugins.Sdk.Internal;

/// <summary>
/// Forbids the plugin process to create processes: a seccomp filter, synchronised onto every thread
/// (the runtime already runs several), fails fork, vfork, execve, execveat and clone without
/// CLONE_THREAD with EPERM; clone3 (whose flags a filter cannot read) fails with ENOSYS, which makes
/// glibc fall back to clone for threads. Threads keep working. x86-64 Linux only.
/// </summary>
internal static unsafe partial class ChildProcessFilter
{
    private const uint AuditArchX8664 = 0xC000003E;
    private const uint CloneThread = 0x00010000;
    private const uint Allow = 0x7FFF0000;
    private const uint ErrnoPermission = 0x00050000 | 1;
    private const uint ErrnoNoSystemCall = 0x00050000 | 38;
    private const int SetNoNewPrivileges = 38;
    private const long SeccompSystemCall = 317;
    private const long SetModeFilter = 1;
    private const long FlagThreadSync = 1;

    // Classic BPF over struct seccomp_data { int nr; u32 arch; u64 ip; u64 args[6]; }. Any other ABI
    // (i386 through int 0x80, x32 numbers from 0x40000000) is refused outright: .NET uses neither.
    private static readonly SockFilter[] Program =
    [
        /*  0 */ Load(4),
        /*  1 */ JumpIfEqual(AuditArchX8664, 0, 10),   // other ABI          → 12 EPERM
        /*  2 */ Load(0),
        /*  3 */ new(0x35, 8, 0, 0x40000000),           // x32 numbers        → 12 EPERM
        /*  4 */ JumpIfEqual(57, 7, 0),                 // fork               → 12 EPERM
        /*  5 */ JumpIfEqual(58, 6, 0),                 // vfork              → 12 EPERM
        /*  6 */ JumpIfEqual(59, 5, 0),                 // execve             → 12 EPERM
        /*  7 */ JumpIfEqual(322, 4, 0),                // execveat           → 12 EPERM
        /*  8 */ JumpIfEqual(435, 5, 0),                // clone3             → 14 ENOSYS
        /*  9 */ JumpIfEqual(56, 0, 3),                 // anything but clone → 13 ALLOW
        /* 10 */ Load(16),                              // clone's flags (low half of args[0])
        /* 11 */ new(0x45, 1, 0, CloneThread),          // a thread           → 13 ALLOW, else EPERM
        /* 12 */ Return(ErrnoPermission),
        /* 13 */ Return(Allow),
        /* 14 */ Return(ErrnoNoSystemCall),
    ];

    /// <summary>
    /// The node's launcher filter, loaded by bubblewrap right before it execs the plugin (so it binds the
    /// plugin's first instruction, SDK or not): the same program with execve and execveat allowed — bwrap's
    /// own exec of the plugin needs them, and a filter cannot allow "one exec". Without fork, vfork or a
    /// non-thread clone an exec can only replace the plugin by another program inside the same sandbox,
    /// filter and limits; the SDK's filter then forbids exec too.
    /// </summary>
    private static readonly SockFilter[] LauncherProgram =
    [
        /*  0 */ Load(4),
        /*  1 */ JumpIfEqual(AuditArchX8664, 0, 8),    // other ABI          → 10 EPERM
        /*  2 */ Load(0),
        /*  3 */ new(0x35, 6, 0, 0x40000000),           // x32 numbers        → 10 EPERM
        /*  4 */ JumpIfEqual(57, 5, 0),                 // fork               → 10 EPERM
        /*  5 */ JumpIfEqual(58, 4, 0),                 // vfork              → 10 EPERM
        /*  6 */ JumpIfEqual(435, 5, 0),                // clone3             → 12 ENOSYS
        /*  7 */ JumpIfEqual(56, 0, 3),                 // anything but clone → 11 ALLOW
        /*  8 */ Load(16),                              // clone's flags (low half of args[0])
        /*  9 */ new(0x45, 1, 0, CloneThread),          // a thread           → 11 ALLOW, else EPERM
        /* 10 */ Return(ErrnoPermission),
        /* 11 */ Return(Allow),
        /* 12 */ Return(ErrnoNoSystemCall),
    ];

    /// <summary>The launcher filter as the bytes of a <c>struct sock_filter</c> array, as bwrap's <c>--seccomp FD</c> reads them.</summary>
    public static byte[] LauncherProgramBytes() => MemoryMarshal.AsBytes(LauncherProgram.AsSpan()).ToArray();

    /// <summary>Installs the filter; false (with the reason) if the kernel refused it or this is not x86-64 Linux.</summary>
    public static bool TryInstall(out string? failure)
    {
        failure = null;
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            failure = $"the child-process filter is built for x86-64 Linux, not {RuntimeInformation.ProcessArchitecture}";
            return false;
        }

        fixed (SockFilter* filter = Program)
        {
            var program = new SockFilterProgram { Length = (ushort)Program.Length, Filter = filter };
            if (Prctl(SetNoNewPrivileges, 1, 0, 0, 0) != 0 || Syscall(SeccompSystemCall, SetModeFilter, FlagThreadSync, (nint)(&program)) != 0)
            {
                failure = $"seccomp refused the filter (errno {Marshal.GetLastPInvokeError()})";
                return false;
            }
        }

        return true;
    }

    private static SockFilter Load(uint offset) => new(0x20, 0, 0, offset);

    private static SockFilter JumpIfEqual(uint value, byte ifEqual, byte otherwise) => new(0x15, ifEqual, otherwise, value);

    private static SockFilter Return(uint action) => new(0x06, 0, 0, action);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long arg1, long arg2, nint arg3);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct SockFilter(ushort Code, byte JumpTrue, byte JumpFalse, uint K);

    [StructLayout(LayoutKind.Sequential)]
    private struct SockFilterProgram
    {
        public ushort Length;
        public SockFilter* Filter;
    }
}
