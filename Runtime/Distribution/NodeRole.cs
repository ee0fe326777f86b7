namespace DistSys.Runtime.Distribution;

/// <summary>What a node is in its cluster.</summary>
public enum NodeRole
{
    /// <summary>Joins through the master and runs work.</summary>
    Worker = 1,

    /// <summary>The membership authority and global name server; workers join through it.</summary>
    Master = 2,
}
