using System.Buffers;
using DistSys.Memory;

namespace DistSys.Bench.Memory;

/// <summary>
/// The calling thread plus <c>threads - 1</c> parked workers that run one round of rent/return loops
/// together each time <see cref="Run"/> is called. Every thread owns its scratch arrays, allocated here,
/// so a round allocates only what the pool under test allocates.
/// </summary>
internal sealed class PoolWorkers : IDisposable
{
    private readonly Barrier _barrier;
    private readonly Thread[] _threads;
    private readonly Held<byte[]>[][] _arrays;
    private readonly Held<IMemoryOwner<byte>>[][] _leases;
    private readonly int _rounds;
    private readonly int _held;
    private readonly int _size;
    private readonly BlockMemoryPool _pool;
    private PoolKind _kind;
    private bool _stopping;

    public PoolWorkers(int threads, int rounds, int held, int size, BlockMemoryPool pool)
    {
        (_rounds, _held, _size, _pool) = (rounds, held, size, pool);
        _barrier = new Barrier(threads);
        _arrays = Enumerable.Range(0, threads).Select(_ => new Held<byte[]>[held]).ToArray();
        _leases = Enumerable.Range(0, threads).Select(_ => new Held<IMemoryOwner<byte>>[held]).ToArray();
        _threads = Enumerable.Range(1, threads - 1).Select(id => new Thread(() => Park(id)) { IsBackground = true }).ToArray();
        Array.ForEach(_threads, t => t.Start());
    }

    public void Run(PoolKind kind)
    {
        if (_threads.Length == 0)
        {
            Work(kind, 0);
            return;
        }

        // The barrier orders the write of _kind before every worker's read of it.
        _kind = kind;
        _barrier.SignalAndWait();
        Work(kind, 0);
        _barrier.SignalAndWait();
    }

    public void Dispose()
    {
        _stopping = true;
        if (_threads.Length > 0)
        {
            _barrier.SignalAndWait();
        }

        Array.ForEach(_threads, t => t.Join());
        _barrier.Dispose();
    }

    private void Park(int id)
    {
        while (true)
        {
            _barrier.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            Work(_kind, id);
            _barrier.SignalAndWait();
        }
    }

    private void Work(PoolKind kind, int id)
    {
        switch (kind)
        {
            case PoolKind.ArrayPoolShared:
                RentArrays(_arrays[id]);
                break;
            case PoolKind.MemoryPoolShared:
                RentLeases(MemoryPool<byte>.Shared, _leases[id]);
                break;
            default:
                RentLeases(_pool, _leases[id]);
                break;
        }
    }

    private void RentArrays(Held<byte[]>[] held)
    {
        var pool = ArrayPool<byte>.Shared;
        for (var round = 0; round < _rounds; round++)
        {
            for (var i = 0; i < _held; i++)
            {
                held[i].Item = pool.Rent(_size);
            }

            for (var i = 0; i < _held; i++)
            {
                pool.Return(held[i].Item);
            }
        }
    }

    private void RentLeases(MemoryPool<byte> pool, Held<IMemoryOwner<byte>>[] held)
    {
        for (var round = 0; round < _rounds; round++)
        {
            for (var i = 0; i < _held; i++)
            {
                held[i].Item = pool.Rent(_size);
            }

            for (var i = 0; i < _held; i++)
            {
                held[i].Item.Dispose();
            }
        }
    }

    /// <summary>A struct slot, so storing a buffer costs the same for every pool: an array of
    /// <c>IMemoryOwner&lt;byte&gt;</c> would add a covariant store check that <c>byte[][]</c> does not pay.</summary>
    private struct Held<T>
    {
        public T Item;
    }
}
