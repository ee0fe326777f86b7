using Microsoft.Extensions.ObjectPool;

namespace DistSys.Memory;

/// <summary>
/// Object pools for reusable objects (envelopes, parser state machines) on Microsoft.Extensions.ObjectPool:
/// its <see cref="DefaultObjectPool{T}"/> keeps up to a bound of objects and drops the surplus.
/// </summary>
public static class PooledObjects
{
    /// <summary>A pool of <typeparamref name="T"/> made with <c>new()</c>; an object implementing
    /// <see cref="IResettable"/> is reset on return and dropped if it says it cannot be.</summary>
    public static ObjectPool<T> Create<T>(int maximumRetained)
        where T : class, new()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumRetained);
        return new DefaultObjectPoolProvider { MaximumRetained = maximumRetained }.Create<T>();
    }

    /// <summary>A pool that makes objects with <paramref name="create"/> and keeps a returned object only
    /// when <paramref name="reset"/> returns true.</summary>
    public static ObjectPool<T> Create<T>(Func<T> create, Func<T, bool> reset, int maximumRetained)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(reset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumRetained);
        return new DefaultObjectPool<T>(new Policy<T>(create, reset), maximumRetained);
    }

    private sealed class Policy<T>(Func<T> create, Func<T, bool> reset) : IPooledObjectPolicy<T>
        where T : notnull
    {
        public T Create() => create();

        public bool Return(T obj) => reset(obj);
    }
}
