namespace DistSys.Bench.Memory;

/// <summary>Which pool a <see cref="PoolWorkers"/> round exercises.</summary>
public enum PoolKind
{
    ArrayPoolShared,
    MemoryPoolShared,
    BlockMemoryPool,
}
