namespace DistSys.Supervision;

/// <summary>Whether a child is a worker or a supervisor of its own subtree.</summary>
public enum ChildType
{
    /// <summary>A process doing work.</summary>
    Worker,

    /// <summary>A supervisor; its default shutdown is infinity so its own subtree can stop in order.</summary>
    Supervisor,
}
