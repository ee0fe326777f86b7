using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>A supervisor's record of one child: its spec, its current pid and its restart history.</summary>
internal sealed class Child(ChildSpec spec, object? argument)
{
    public ChildSpec Spec { get; } = spec;

    /// <summary>The argument a dynamic child was started with; reused on every restart.</summary>
    public object? Argument { get; } = argument;

    /// <summary>The running process, or <see cref="Pid.None"/>.</summary>
    public Pid Pid { get; set; }

    /// <summary>Restarts of this child by its supervisor.</summary>
    public int Restarts { get; set; }

    /// <summary>Restarts in a row inside the period, which the backoff grows with.</summary>
    public int RecentRestarts { get; set; }

    /// <summary>When it was last restarted (clock timestamp), to reset <see cref="RecentRestarts"/>.</summary>
    public long LastRestart { get; set; }

    /// <summary>Waiting for a delayed (backoff) or retried start.</summary>
    public bool RestartPending { get; set; }

    /// <summary>Removed from its supervisor; a pending restart for it is void.</summary>
    public bool Deleted { get; set; }

    public string Id => Spec.Id;

    public bool IsRunning => !Pid.IsNone;

    public ChildInfo Info => new(Id, Pid, Spec.Type, Restarts);
}
