using System.Runtime.InteropServices;

namespace DistSys.Tests.Shared;

internal sealed partial class NodeProcess
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private const int SigStop = 19;
    private const int SigCont = 18;

    /// <summary>kill -9: the node gets no chance to say goodbye (a crash, as peers see it).</summary>
    public void Kill() => Signal(SigKill);

    /// <summary>SIGTERM: the node should leave the cluster gracefully and exit 0.</summary>
    public void Terminate() => Signal(SigTerm);

    /// <summary>SIGSTOP: the node hangs with its sockets open, so only missing heartbeats can reveal it.</summary>
    public void Freeze() => Signal(SigStop);

    /// <summary>SIGCONT: a frozen node runs again.</summary>
    public void Thaw() => Signal(SigCont);

    private void Signal(int signal)
    {
        // By pid, never by name: only this test's own process is touched. ESRCH (already gone) is fine.
        if (!HasExited && SysKill(Pid, signal) != 0 && Marshal.GetLastPInvokeError() != 3)
        {
            Assert.Fail($"kill({Pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
