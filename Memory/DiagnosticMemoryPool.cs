using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using DistSys.Memory.Internal;

namespace DistSys.Memory;

/// <summary>
/// A pool for tests: wraps any <see cref="MemoryPool{T}"/>, wraps each lease in a fresh tracking object
/// that remembers the stack that rented it, and fails loudly on misuse. A lease disposed twice throws
/// <see cref="InvalidOperationException"/> (even after the block behind it was rented again: the
/// wrapper is never reused); its <see cref="IMemoryOwner{T}.Memory"/> read after return throws
/// <see cref="ObjectDisposedException"/>; its bytes are poisoned (0xDD) on return so a stale reader
/// sees garbage rather than plausible data. Call <see cref="AssertNoLeaks"/> in teardown.
/// Allocates on every rent: never for production.
/// </summary>
public sealed class DiagnosticMemoryPool : MemoryPool<byte>
{
    private readonly MemoryPool<byte> _inner;
    private readonly ConcurrentDictionary<DiagnosticLease, byte> _outstanding = new();
    private int _disposed;

    /// <summary>Tracks the leases of <paramref name="inner"/>, which it disposes with itself.</summary>
    public DiagnosticMemoryPool(MemoryPool<byte> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Leases rented and not yet returned.</summary>
    public int Outstanding => _outstanding.Count;

    /// <summary>The inner pool's largest buffer.</summary>
    public override int MaxBufferSize => _inner.MaxBufferSize;

    /// <summary>Rents from the inner pool and records who asked.</summary>
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var lease = new DiagnosticLease(this, _inner.Rent(minBufferSize), new StackTrace(fNeedFileInfo: false));
        _outstanding.TryAdd(lease, 0);
        return lease;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every outstanding lease with the
    /// stack that rented it; returns quietly when there is none.</summary>
    public void AssertNoLeaks()
    {
        var leaks = _outstanding.Keys.ToArray();
        if (leaks.Length == 0)
        {
            return;
        }

        var report = new StringBuilder().Append(leaks.Length).AppendLine(" lease(s) never returned:");
        foreach (var lease in leaks)
        {
            report.Append("  a ").Append(lease.Length).Append(" B lease rented at:")
                .AppendLine().Append(lease.RentedBy).AppendLine();
        }

        throw new InvalidOperationException(report.ToString());
    }

    internal void Returned(DiagnosticLease lease) => _outstanding.TryRemove(lease, out _);

    /// <summary>Disposes the inner pool; leases returned afterwards are still checked.</summary>
    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && disposing)
        {
            _inner.Dispose();
        }
    }
}
