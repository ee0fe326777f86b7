using System.Runtime.InteropServices;

namespace DistSys.Plugins.Sandbox;

/// <summary>
/// The two descriptors a sandboxed plugin inherits, opened without close-on-exec just for the launch: the
/// ring memory (a second descriptor of the node's sealed memfd, so the plugin maps it through its own
/// <c>/proc/self/fd</c>, never the node's <c>/proc</c>) and bubblewrap's seccomp program. Every other
/// descriptor of the node is close-on-exec (.NET opens them so); <see cref="SandboxLauncher"/> starts
/// plugins one at a time, so no other plugin's launch inherits these.
/// </summary>
internal sealed unsafe class InheritedDescriptors : IDisposable
{
    private InheritedDescriptors(int ring, int seccomp)
    {
        Ring = ring;
        Seccomp = seccomp;
    }

    public int Ring { get; }

    public int Seccomp { get; }

    public static InheritedDescriptors Open(string ringPath, byte[] seccompProgram)
    {
        var ring = SandboxLibc.Open(ringPath, SandboxLibc.ReadWrite);
        if (ring < 0)
        {
            throw Failed("reopening the ring memory");
        }

        var seccomp = SandboxLibc.MemfdCreate("distsys-seccomp", 0);
        if (seccomp < 0)
        {
            SandboxLibc.Close(ring);
            throw Failed("memfd_create for the seccomp program");
        }

        var descriptors = new InheritedDescriptors(ring, seccomp);
        fixed (byte* bytes = seccompProgram)
        {
            if (SandboxLibc.Write(seccomp, bytes, seccompProgram.Length) != seccompProgram.Length || SandboxLibc.Seek(seccomp, 0, 0) != 0)
            {
                descriptors.Dispose();
                throw Failed("writing the seccomp program");
            }
        }

        return descriptors;
    }

    /// <summary>Closes the node's copies once the launcher's process has its own.</summary>
    public void Dispose()
    {
        SandboxLibc.Close(Ring);
        SandboxLibc.Close(Seccomp);
    }

    private static PluginException Failed(string what) =>
        new(PluginError.StartFailed, $"sandbox: {what} failed (errno {Marshal.GetLastPInvokeError()})");
}
