namespace DistSys.Jobs.Operations;

/// <summary>Where an executor runs one task (the operation decides: see <see cref="IJobOperation.PlaceFor"/>).</summary>
internal enum TaskPlacement
{
    /// <summary>Started in the executor's turn: quick work, or work that only awaits (a timer, a plugin's reply).</summary>
    Inline,

    /// <summary>On the thread pool: CPU work long enough to hold the executor (and its other tasks) up.</summary>
    ThreadPool,
}
