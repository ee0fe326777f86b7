namespace DistSys.Transport.Tests.SharedMemory;

/// <summary>Waits for a condition with a deadline instead of sleeping a guessed time.</summary>
internal static class Await
{
    public static readonly TimeSpan Liveness = TimeSpan.FromSeconds(30);

    public static void Until(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, Liveness))
        {
            Assert.Fail($"timed out waiting until {what}");
        }
    }
}
