namespace DistSys.Tests.Shared;

/// <summary>
/// Deadline-bounded waits shared by every test project (compiled into each through
/// Tests/Directory.Build.props): tests await a condition, never sleep for a guessed duration.
/// The deadline is a liveness limit, not a speed claim; a healthy run finishes far sooner.
/// </summary>
internal static class Eventually
{
    /// <summary>How long any single expectation may take before the test fails.</summary>
    public static readonly TimeSpan Liveness = TimeSpan.FromSeconds(30);

    // Between checks of a polled condition: short enough to notice quickly, long enough not to
    // steal a core from the code under test on a 2-core machine.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>Awaits <paramref name="task"/>, failing if it has not finished within the deadline.</summary>
    public static Task<T> Within<T>(Task<T> task, TimeSpan? deadline = null) => task.WaitAsync(deadline ?? Liveness);

    /// <summary>Awaits <paramref name="task"/>, failing if it has not finished within the deadline.</summary>
    public static Task Within(Task task, TimeSpan? deadline = null) => task.WaitAsync(deadline ?? Liveness);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> at the deadline.</summary>
    public static Task True(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        True(() => Task.FromResult(condition()), what, deadline);

    /// <summary>Polls an asynchronous condition (e.g. a call to a process) until it holds.</summary>
    public static async Task True(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Liveness);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Spins (then yields) on this thread until <paramref name="condition"/> holds, for tests that must not await.</summary>
    public static void Spin(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, Liveness))
        {
            Assert.Fail($"timed out waiting until {what}");
        }
    }
}
