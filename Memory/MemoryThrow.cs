using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace DistSys.Memory;

/// <summary>Throw helpers, so the hot methods that call them stay small enough to inline.</summary>
internal static class MemoryThrow
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SizeOutOfRange(int minBufferSize, int maxBlockSize) =>
        throw new ArgumentOutOfRangeException(
            nameof(minBufferSize),
            minBufferSize,
            $"A block is 1 to {maxBlockSize} bytes (or -1 for the default size); {minBufferSize} was asked for.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void PoolDisposed(string pool) => throw new ObjectDisposedException(pool);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void LeaseReturned() =>
        throw new ObjectDisposedException(
            "IMemoryOwner<byte>", "The lease was returned to its pool; its memory may belong to another renter now.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BadOption(string name, long value, string rule) =>
        throw new ArgumentException($"BlockMemoryPoolOptions.{name} is {value}; it must be {rule}.", name);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ReturnedTwice(StackTrace rentedBy, StackTrace? returnedBy) =>
        throw new InvalidOperationException(
            $"A lease was disposed twice.{Environment.NewLine}Rented at:{Environment.NewLine}{rentedBy}" +
            $"First returned at:{Environment.NewLine}{returnedBy}");
}
