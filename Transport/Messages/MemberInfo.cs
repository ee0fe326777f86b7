using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// One node in a membership update.
/// Layout: <c>name: string | host: string | port: u16 | incarnation: u64 | status: u8 | role: u8</c>.
/// </summary>
public readonly record struct MemberInfo(string Name, string Host, ushort Port, ulong Incarnation, MemberStatus Status, MemberRole Role)
{
    /// <summary>Fewest bytes a member can take (empty strings): bounds the list count.</summary>
    internal const int MinSize = 1 + 1 + sizeof(ushort) + sizeof(ulong) + 1 + 1;

    internal int Size => WireSize.Utf8String(Name) + WireSize.Utf8String(Host) + sizeof(ushort) + sizeof(ulong) + 2;

    internal static MemberInfo Read(ref WireReader reader)
    {
        var name = reader.ReadString();
        var host = reader.ReadString();
        var port = reader.ReadUInt16();
        var incarnation = reader.ReadUInt64();
        var status = (MemberStatus)reader.ReadByte();
        var role = (MemberRole)reader.ReadByte();
        if (status is < MemberStatus.Joining or > MemberStatus.Down || role is < MemberRole.Worker or > MemberRole.Master)
        {
            WireThrow.Malformed($"unknown member status {(byte)status} or role {(byte)role}");
        }

        return new MemberInfo(name, host, port, incarnation, status, role);
    }

    internal void Write(ref WireWriter writer)
    {
        writer.WriteString(Name);
        writer.WriteString(Host);
        writer.WriteUInt16(Port);
        writer.WriteUInt64(Incarnation);
        writer.WriteByte((byte)Status);
        writer.WriteByte((byte)Role);
    }
}
