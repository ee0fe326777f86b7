namespace DistSys.Runtime.Tests.Support;

/// <summary>Waits for a condition with a generous liveness limit instead of sleeping.</summary>
internal static class Await
{
    /// <summary>How long any single expectation may take before the test fails (liveness, not speed).</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Yield();
            await Task.Delay(1);
        }
    }

    /// <summary>Waits until <paramref name="pid"/> is no longer alive.</summary>
    public static Task ExitedAsync(ProcessRuntime runtime, Pid pid) =>
        UntilAsync(() => !runtime.IsAlive(pid), $"{pid} exited");
}
