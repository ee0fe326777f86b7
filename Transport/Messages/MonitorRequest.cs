using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Starts monitoring <see cref="Watched"/> on behalf of <see cref="Watcher"/>; <see cref="Ref"/> is the monitor reference,
/// unique on the watcher's node. Layout: <c>watcher: pid | watched: pid | ref: varint</c>.
/// </summary>
public readonly struct MonitorRequest : IWireMessage<MonitorRequest>
{
    private readonly MonitorFields _fields;

    public MonitorRequest(WirePid watcher, WirePid watched, ulong monitorRef) => _fields = new MonitorFields(watcher, watched, monitorRef);

    private MonitorRequest(MonitorFields fields) => _fields = fields;

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Monitor;

    /// <summary>The monitoring process.</summary>
    public WirePid Watcher => _fields.Watcher;

    /// <summary>The monitored process.</summary>
    public WirePid Watched => _fields.Watched;

    /// <summary>The monitor reference, unique on the watcher's node.</summary>
    public ulong Ref => _fields.Ref;

    /// <inheritdoc/>
    public int PayloadLength => _fields.Size;

    /// <inheritdoc/>
    public static MonitorRequest Read(ref WireReader reader) => new(MonitorFields.Read(ref reader));

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer) => _fields.Write(ref writer);
}
