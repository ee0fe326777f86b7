using System.Buffers;
using System.Diagnostics;

namespace DistSys.Memory.Internal;

/// <summary>A fresh object per rent around an inner lease, so every misuse of it is attributable.</summary>
internal sealed class DiagnosticLease : IMemoryOwner<byte>
{
    private const byte Poison = 0xDD;

    private readonly DiagnosticMemoryPool _pool;
    private readonly IMemoryOwner<byte> _inner;
    private StackTrace? _returnedBy;
    private int _returned;

    public DiagnosticLease(DiagnosticMemoryPool pool, IMemoryOwner<byte> inner, StackTrace rentedBy)
    {
        _pool = pool;
        _inner = inner;
        RentedBy = rentedBy;
        Length = inner.Memory.Length;
    }

    public StackTrace RentedBy { get; }

    public int Length { get; }

    public Memory<byte> Memory
    {
        get
        {
            if (Volatile.Read(ref _returned) != 0)
            {
                MemoryThrow.LeaseReturned();
            }

            return _inner.Memory;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) != 0)
        {
            MemoryThrow.ReturnedTwice(RentedBy, _returnedBy);
        }

        _returnedBy = new StackTrace(fNeedFileInfo: false);
        _pool.Returned(this);
        _inner.Memory.Span.Fill(Poison);
        _inner.Dispose();
    }
}
