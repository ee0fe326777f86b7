namespace DistSys.Transport.Messages;

/// <summary>How the requester wants to be tied to a remotely spawned process.</summary>
[Flags]
public enum SpawnFlags : byte
{
    /// <summary>No link, no monitor.</summary>
    None = 0,

    /// <summary>Link the requester to the new process (spawn_link).</summary>
    Link = 1,

    /// <summary>Monitor the new process on behalf of the requester.</summary>
    Monitor = 2,
}
