using Microsoft.Win32.SafeHandles;

namespace DistSys.Jobs.Inputs;

/// <summary>
/// One input file of a job, as the master saw it at submit: its name relative to the input root, its
/// size and its last write time (UTC ticks). Partitions are planned from these alone; a reader that
/// finds another size or time refuses the file (it changed since the submit, or is another file).
/// </summary>
internal sealed record InputFile(string Name, long Size, long WrittenTicks)
{
    public static InputFile Of(string name, SafeFileHandle handle) =>
        new(name, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle).Ticks);

    /// <summary>True when <paramref name="handle"/> is still the file this names (same size, same write time).</summary>
    public bool Matches(SafeFileHandle handle) =>
        RandomAccess.GetLength(handle) == Size && File.GetLastWriteTimeUtc(handle).Ticks == WrittenTicks;
}
