using DistSys.Memory;

namespace DistSys.Transport.Tests.Connections.Support;

/// <summary>The Memory module's pool wrapped in its leak detector, as every connection test uses it.</summary>
internal static class TestPools
{
    public static DiagnosticMemoryPool Create() => new(new BlockMemoryPool());

    /// <summary>Waits for every lease to come home (pipes return segments as their loops finish), then asserts.</summary>
    public static async Task AssertNoLeaksAsync(DiagnosticMemoryPool pool)
    {
        await Eventually.True(() => pool.Outstanding == 0, $"all pool leases returned ({pool.Outstanding} outstanding)");
        pool.AssertNoLeaks();
    }
}
