using DistSys.Runtime;

namespace DistSys.Supervision;

/// <summary>
/// One child of a supervisor (OTP's child spec): its id, how to start it, when to restart it,
/// how to stop it and whether it is a worker or a supervisor.
/// </summary>
/// <param name="Id">Unique among the supervisor's children; names it in logs and in the API.</param>
/// <param name="Start">Starts the child, linked to the supervisor.</param>
public sealed record ChildSpec(string Id, ChildStart Start)
{
    private readonly ShutdownPolicy? _shutdown;

    /// <summary>When it is restarted; permanent by default.</summary>
    public RestartType Restart { get; init; } = RestartType.Permanent;

    /// <summary>Worker or supervisor.</summary>
    public ChildType Type { get; init; } = ChildType.Worker;

    /// <summary>How it is stopped; five seconds for a worker and infinity for a supervisor unless set.</summary>
    public ShutdownPolicy Shutdown
    {
        get => _shutdown ?? (Type == ChildType.Supervisor ? ShutdownPolicy.Infinity : ShutdownPolicy.Default);
        init => _shutdown = value;
    }

    /// <summary>A worker running the behaviour made by <paramref name="factory"/> (see <see cref="ChildStarts.Linked(Func{Behaviour}, SpawnOptions?)"/>).</summary>
    public static ChildSpec Worker(string id, Func<Behaviour> factory, SpawnOptions? options = null) =>
        new(id, ChildStarts.Linked(factory, options));

    /// <summary>A child supervisor running <paramref name="spec"/>.</summary>
    public static ChildSpec ForSupervisor(string id, SupervisorSpec spec) =>
        new(id, (context, _) => Supervisor.StartLinkAsync(context, spec)) { Type = ChildType.Supervisor };

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Id);
        ArgumentNullException.ThrowIfNull(Start);
    }
}
