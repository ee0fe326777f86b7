namespace DistSys.Runtime.Distribution;

/// <summary>Why a node is considered gone.</summary>
public enum NodeDownReason
{
    /// <summary>It announced its departure (graceful leave).</summary>
    Left = 1,

    /// <summary>Its connection closed or broke without an announcement (e.g. the process was killed).</summary>
    ConnectionLost = 2,

    /// <summary>Nothing arrived from it within the failure timeout (hung, stopped or partitioned).</summary>
    HeartbeatTimeout = 3,

    /// <summary>The master reported it down.</summary>
    ReportedByMaster = 4,

    /// <summary>The master downed it to end a partition with another worker that both still reach the master (docs/distribution.md).</summary>
    Partitioned = 5,
}
