using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// The sender's view of the cluster at version <see cref="Epoch"/>.
/// Layout: <c>epoch: varint | count: varint | member × count</c>; the count is bounded by the list limit
/// and by the bytes remaining before the list is allocated.
/// </summary>
public readonly struct MembershipUpdate : IWireMessage<MembershipUpdate>
{
    public MembershipUpdate(ulong epoch, IReadOnlyList<MemberInfo> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Epoch = epoch;
        Members = members;
    }

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.Membership;

    /// <summary>Version of the membership view: a higher epoch replaces a lower one.</summary>
    public ulong Epoch { get; }

    /// <summary>Every known node.</summary>
    public IReadOnlyList<MemberInfo> Members { get; }

    /// <inheritdoc/>
    public int PayloadLength
    {
        get
        {
            var size = WireSize.VarUInt64(Epoch) + WireSize.VarUInt64((ulong)Members.Count);
            foreach (var member in Members)
            {
                size += member.Size;
            }

            return size;
        }
    }

    /// <inheritdoc/>
    public static MembershipUpdate Read(ref WireReader reader)
    {
        var epoch = reader.ReadVarUInt64();
        var members = new MemberInfo[reader.ReadCount(MemberInfo.MinSize)];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = MemberInfo.Read(ref reader);
        }

        return new MembershipUpdate(epoch, members);
    }

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        writer.WriteVarUInt64(Epoch);
        writer.WriteVarUInt64((ulong)Members.Count);
        foreach (var member in Members)
        {
            member.Write(ref writer);
        }
    }
}
