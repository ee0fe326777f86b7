namespace DistSys.Streams.Engine;

/// <summary>The hash a key edge spreads by: FNV-1a over the key's raw JSON, the same on every node and run.</summary>
internal static class KeyHash
{
    public static int Instance(ReadOnlySpan<byte> key, int instances)
    {
        var hash = 2166136261u;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)instances);
    }
}
