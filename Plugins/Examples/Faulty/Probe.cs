using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace DistSys.Plugins.Examples.Faulty;

/// <summary>
/// A hostile plugin's attempts on its node, each answered as one line <c>NAME: ok</c> or
/// <c>NAME: refused (why)</c>, so a test asserts that the sandbox contained every one. The input is
/// <c>NODE_PID PORT SECRET_FILE</c>: the node's pid, a TCP port listening on 127.0.0.1, a file the node can read.
/// </summary>
internal static partial class Probe
{
    private const int SignalContinue = 18;

    /// <summary>Set in Main before <c>PluginHost.Run</c>: a child started before the SDK's own filter exists.</summary>
    public static string EarlyChild { get; set; } = "early_child: not tried";

    public static void TryEarlyChild() => EarlyChild = Attempt("early_child", StartChild);

    public static void Run(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var words = Encoding.UTF8.GetString(input).Split(' ');
        var nodePid = int.Parse(words[0], CultureInfo.InvariantCulture);
        var port = int.Parse(words[1], CultureInfo.InvariantCulture);
        var secret = words[2];
        string[] lines =
        [
            $"uid: {Getuid()}",
            EarlyChild,
            Attempt("node_proc", () => File.ReadAllText($"/proc/{nodePid}/status")),
            Attempt("secret_file", () => File.ReadAllText(secret)),
            Attempt("cookie", () => File.ReadAllText("/root/.distsys.cookie")),
            Attempt("tcp", () =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            }),
            Attempt("child", StartChild),
            Attempt("signal_node", () =>
            {
                if (Kill(nodePid, SignalContinue) != 0)
                {
                    throw new IOException($"kill: errno {Marshal.GetLastPInvokeError()}");
                }
            }),
        ];
        output.Write(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
    }

    private static void StartChild()
    {
        using var child = System.Diagnostics.Process.Start("/bin/true");
        child.WaitForExit();
    }

    private static string Attempt(string name, Action attempt)
    {
        try
        {
            attempt();
            return $"{name}: ok";
        }
        catch (Exception refused)
        {
            return $"{name}: refused ({refused.GetType().Name}: {refused.Message.ReplaceLineEndings(" ")})";
        }
    }

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint Getuid();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
