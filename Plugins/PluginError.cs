namespace DistSys.Plugins;

/// <summary>Why a plugin request or command failed.</summary>
public enum PluginError
{
    /// <summary>No plugin of that name is deployed (or it was stopped).</summary>
    NotDeployed = 1,

    /// <summary>The plugin has no operation of that name.</summary>
    UnknownOperation = 2,

    /// <summary>The operation ran and reported a failure.</summary>
    OperationFailed = 3,

    /// <summary>The payload does not fit in one ring record.</summary>
    PayloadTooLarge = 4,

    /// <summary>The instance died (crash, watchdog, garbage on the ring) while the request was in flight.</summary>
    InstanceDied = 5,

    /// <summary>No instance became available in time (starting, or its supervisor gave up).</summary>
    Unavailable = 6,

    /// <summary>A new instance did not start or failed its health check.</summary>
    StartFailed = 7,

    /// <summary>Rollback asked for with no previous version.</summary>
    NoPreviousVersion = 8,

    /// <summary>A plugin package or path was refused: outside the plugin directory, not a regular file, a malformed or oversize package, a sha256 mismatch.</summary>
    InvalidArtifact = 9,

    /// <summary>The node does not hold the package a command names (the master then sends it).</summary>
    ArtifactMissing = 10,
}
