namespace DistSys.Transport.Messages;

/// <summary>The role a node runs as.</summary>
public enum MemberRole : byte
{
    /// <summary>A worker node.</summary>
    Worker = 1,

    /// <summary>The master node.</summary>
    Master = 2,
}
