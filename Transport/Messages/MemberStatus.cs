namespace DistSys.Transport.Messages;

/// <summary>A node's state in the membership view.</summary>
public enum MemberStatus : byte
{
    /// <summary>Connected, handshake done, not yet announced as up.</summary>
    Joining = 1,

    /// <summary>A full member.</summary>
    Up = 2,

    /// <summary>Missed heartbeats: may be down.</summary>
    Suspect = 3,

    /// <summary>Leaving on purpose.</summary>
    Leaving = 4,

    /// <summary>Gone.</summary>
    Down = 5,
}
