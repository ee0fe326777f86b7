using DistSys.Runtime;

namespace DistSys.Supervision.Tests.Support;

/// <summary>Waits the Supervision tests share, built on <see cref="Eventually"/>.</summary>
internal static class Await
{
    /// <summary>Waits until <paramref name="pid"/> is no longer alive.</summary>
    public static Task ExitedAsync(ProcessRuntime runtime, Pid pid) =>
        Eventually.True(() => !runtime.IsAlive(pid), $"{pid} exited");
}
