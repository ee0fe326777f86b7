using System.Buffers;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace DistSys.Plugins.Examples.Faulty;

/// <summary>The faults themselves. None returns normally.</summary>
internal static partial class Faults
{
    // The shared-memory layout (docs/protocol.md): ring capacity at 16, ring 1 (responses) control at
    // 512 with its tail first, ring 1 data at 4096 + capacity.
    private const int CapacityOffset = 16;
    private const int ResponseTailOffset = 512;
    private const int HeaderSize = 4096;

    public static void FailFast() => Environment.FailFast("faulty plugin: asked to fail fast");

    /// <summary>A write to an unmapped address inside native code: SIGSEGV, which no managed handler sees.</summary>
    public static void AccessViolation() => Memset(0x1000, 1, 64);

    public static void Hang() => Thread.Sleep(Timeout.Infinite);

    /// <summary>Tries to start /bin/true; the sandbox must refuse (the exception is the operation's failure).</summary>
    public static void StartChildProcess()
    {
        using var child = System.Diagnostics.Process.Start("/bin/true");
        child.WaitForExit();
    }

    /// <summary>Answers like "ok" after half a second: long enough for a test to kill the instance mid-request.</summary>
    public static void Slow(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        Thread.Sleep(500);
        output.Write(input);
    }

    /// <summary>Allocates and touches memory until the sandbox's limit stops it.</summary>
    public static void HogMemory()
    {
        var hoard = new List<byte[]>();
        while (true)
        {
            var block = new byte[16 << 20];
            Array.Fill(block, (byte)1);
            hoard.Add(block);
        }
    }

    /// <summary>
    /// Writes 64 bytes of 0xAB where the next response belongs and publishes them, bypassing the SDK:
    /// the node must reject the record (its length field is absurd) and restart the instance. Then it
    /// waits, so that nothing the SDK writes afterwards can make the garbage look valid.
    /// </summary>
    public static void ScribbleOnRing()
    {
        using var file = new FileStream(Environment.GetEnvironmentVariable("DISTSYS_PLUGIN_CHANNEL")!, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
        using var view = map.CreateViewAccessor();
        var capacity = view.ReadInt32(CapacityOffset);
        var tail = view.ReadInt64(ResponseTailOffset);
        var data = HeaderSize + capacity + (int)(tail & (capacity - 1));
        var garbage = new byte[64];
        garbage.AsSpan().Fill(0xAB);
        view.WriteArray(data, garbage, 0, garbage.Length);
        view.Write(ResponseTailOffset, tail + garbage.Length);
        Hang();
    }

    [LibraryImport("libc", EntryPoint = "memset")]
    private static partial nint Memset(nint destination, int value, nuint count);
}
