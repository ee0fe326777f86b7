namespace DistSys.Host.Hosting;

/// <summary>Where the node is in its life; <c>/healthz</c> answers 200 only when <see cref="Ready"/>.</summary>
internal enum NodeStatus
{
    /// <summary>Settings read, cluster core and HTTP starting.</summary>
    Starting,

    /// <summary>A worker dialling its master (retries with backoff until it is accepted).</summary>
    Joining,

    /// <summary>A master on a shared store that another master leads: listening, waiting to take the lease over (docs/ha.md).</summary>
    Standby,

    /// <summary>Listening, joined (worker) and every service started.</summary>
    Ready,

    /// <summary>Announced its departure after SIGTERM/Ctrl-C; draining.</summary>
    Leaving,
}
