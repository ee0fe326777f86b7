namespace DistSys.Runtime.Distribution;

/// <summary>Where a member is in its life, as this node sees it.</summary>
public enum MemberState
{
    /// <summary>Known (announced by the master) but not yet connected from this node.</summary>
    Joining = 1,

    /// <summary>Connected and answering heartbeats.</summary>
    Up = 2,

    /// <summary>Announced its departure; its connections are draining.</summary>
    Leaving = 4,

    /// <summary>Left on purpose (graceful leave): not a failure.</summary>
    Left = 5,

    /// <summary>Failed: its connection broke or its heartbeats stopped.</summary>
    Down = 6,
}
