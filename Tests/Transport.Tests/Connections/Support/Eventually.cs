namespace DistSys.Transport.Tests.Connections.Support;

/// <summary>Deadline-bounded waits: tests await conditions, never sleep for a guessed duration.</summary>
internal static class Eventually
{
    /// <summary>A generous liveness bound; a healthy run finishes far sooner.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task<T> Within<T>(Task<T> task, TimeSpan? deadline = null) =>
        await task.WaitAsync(deadline ?? Deadline).ConfigureAwait(false);

    public static async Task Within(Task task, TimeSpan? deadline = null) =>
        await task.WaitAsync(deadline ?? Deadline).ConfigureAwait(false);

    /// <summary>Polls <paramref name="condition"/> (yielding between checks) until true or the deadline passes.</summary>
    public static async Task True(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Yield();
            await Task.Delay(TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
        }
    }
}
