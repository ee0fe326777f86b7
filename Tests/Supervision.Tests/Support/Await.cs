using DistSys.Runtime;

namespace DistSys.Supervision.Tests.Support;

/// <summary>Awaits conditions with a generous liveness limit; never sleeps for a fixed time.</summary>
internal static class Await
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

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
        }
    }

    /// <summary>Polls an asynchronous condition (e.g. a supervisor call) until it holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Yield();
        }
    }

    public static Task ExitedAsync(ProcessRuntime runtime, Pid pid) => UntilAsync(() => !runtime.IsAlive(pid), $"{pid} exited");
}
