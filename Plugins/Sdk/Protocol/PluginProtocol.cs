using DistSys.Transport.Framing;

namespace DistSys.Plugins.Sdk.Protocol;

/// <summary>
/// How node and plugin use the frames of the two rings (docs/plugins.md draws it):
/// <code>
///  node → plugin (ring 0)                          plugin → node (ring 1)
///  Message  target = operation (0 = health)        Hello      first frame: name, version, operations
///           corr   = request id (0 = one-way)      Heartbeat  every interval, corr = sequence
///           payload = request                      Message    status = PluginStatus, corr = request id
///  NodeLeaving      stop now                                  payload = response or UTF-8 error
/// </code>
/// </summary>
internal static class PluginProtocol
{
    /// <summary>Environment variable holding the channel path the plugin opens.</summary>
    public const string ChannelVariable = "DISTSYS_PLUGIN_CHANNEL";

    /// <summary>Environment variable holding the heartbeat interval in milliseconds.</summary>
    public const string HeartbeatVariable = "DISTSYS_PLUGIN_HEARTBEAT_MS";

    /// <summary>The target of the health-check request.</summary>
    public const ulong HealthTarget = 0;

    /// <summary>Exit code of a plugin that received a frame it does not understand.</summary>
    public const int ProtocolViolationExitCode = 3;

    /// <summary>Exit code of a plugin started without a usable channel.</summary>
    public const int BadStartExitCode = 2;

    public static FrameHeader Request(ulong target, ulong id, FrameFlags flags) => new(FrameKind.Message, flags, target, 0, id);

    public static FrameHeader Response(PluginStatus status, ulong id, FrameFlags flags) => new(FrameKind.Message, flags, 0, 0, id, status: (byte)status);

    public static FrameHeader Heartbeat(ulong sequence) => new(FrameKind.Heartbeat, FrameFlags.Raw, 0, 0, sequence);

    public static FrameHeader Hello() => new(FrameKind.Hello, FrameFlags.Raw, 0, 0, 0);

    public static FrameHeader Leave() => new(FrameKind.NodeLeaving, FrameFlags.Raw, 0, 0, 0);
}
