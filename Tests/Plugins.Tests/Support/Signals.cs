using System.Runtime.InteropServices;

namespace DistSys.Plugins.Tests.Support;

/// <summary>Sends POSIX signals to a plugin process (SIGSTOP freezes every thread, heartbeats included).</summary>
internal static partial class Signals
{
    public const int Stop = 19;

    public static void Send(int pid, int signal) => Assert.That(Kill(pid, signal), Is.Zero, $"kill({pid}, {signal})");

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
