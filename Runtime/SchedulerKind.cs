namespace DistSys.Runtime;

/// <summary>Which scheduler runs processes (see docs/runtime.md for the measurements).</summary>
public enum SchedulerKind
{
    /// <summary>The .NET thread pool; a process is its own work item (the default).</summary>
    ThreadPool,

    /// <summary>One dedicated thread per core, each with its own run queue.</summary>
    Dedicated,
}
