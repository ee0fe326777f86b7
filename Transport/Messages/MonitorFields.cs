using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>The body shared by monitor and demonitor: <c>watcher: pid | watched: pid | ref: varint</c>.</summary>
internal readonly record struct MonitorFields(WirePid Watcher, WirePid Watched, ulong Ref)
{
    public int Size => Watcher.Size + Watched.Size + WireSize.VarUInt64(Ref);

    /// <inheritdoc/>
    public static MonitorFields Read(ref WireReader reader) =>
        new(WirePid.Read(ref reader), WirePid.Read(ref reader), reader.ReadVarUInt64());

    public void Write(ref WireWriter writer)
    {
        Watcher.Write(ref writer);
        Watched.Write(ref writer);
        writer.WriteVarUInt64(Ref);
    }
}
