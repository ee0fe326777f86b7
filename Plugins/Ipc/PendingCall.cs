using System.Buffers;
using System.Threading.Tasks.Sources;

namespace DistSys.Plugins.Ipc;

/// <summary>
/// One reusable request slot of a <see cref="PendingTable"/>: the caller awaits it as a
/// <see cref="ValueTask"/>, the reader thread claims it by id and writes the response straight into the
/// caller's buffer, so a steady stream of requests allocates nothing. Whoever claims the id (reader,
/// failed write, or the death sweep) is the only one to complete it; the caller's await returns the slot.
/// </summary>
internal sealed partial class PendingCall : IValueTaskSource, IValueTaskSource<string>, IThreadPoolWorkItem
{
    // Continuations run where the completion is signalled: inline on the reader thread, or on the
    // thread pool through Execute (this object is the work item, so the hop allocates nothing either).
    private ManualResetValueTaskSourceCore<bool> _core;
    private IBufferWriter<byte>? _response;
    private Exception? _error;
    private long _id;
    private int _rented;

    /// <summary>The id in flight, or 0 while free or once claimed.</summary>
    public ulong Id => (ulong)Volatile.Read(ref _id);

    /// <summary>Stopwatch timestamp when it was sent.</summary>
    public long Started { get; private set; }

    /// <summary>Stopwatch timestamp after which the watchdog kills the instance.</summary>
    public long Deadline { get; private set; }

    /// <summary>False for health checks, which are not requests in the statistics.</summary>
    public bool Counted { get; private set; }

    public bool TryRent() => Interlocked.CompareExchange(ref _rented, 1, 0) == 0;

    /// <summary>Arms the slot for request <paramref name="id"/>; from here on the id can be claimed.</summary>
    public ValueTask Begin(ulong id, long deadline, bool counted, IBufferWriter<byte>? response)
    {
        var version = _core.Version;
        Arm(id, deadline, counted, response);
        return new ValueTask(this, version);
    }

    /// <summary>True for exactly one caller with the id in flight.</summary>
    public bool TryClaim(ulong id) => id != 0 && Interlocked.CompareExchange(ref _id, 0, (long)id) == (long)id;

    /// <summary>Copies the response into the caller's buffer (claimed slots only).</summary>
    public void Succeed(ReadOnlySpan<byte> payload, bool inline)
    {
        try
        {
            if (_response is { } response)
            {
                payload.CopyTo(response.GetSpan(payload.Length));
                response.Advance(payload.Length);
            }
        }
        catch (Exception broken)
        {
            // The caller's buffer failed: its error is the caller's, never the reader thread's.
            _error = broken;
        }

        if (_route is { } route)
        {
            // Only once the response is out of the ring: a retiring version waits for its callers to leave.
            _result = route.Deployment.Spec.Version;
            route.Deployment.Leave();
        }

        Signal(inline);
    }

    public void Fail(Exception error, bool inline)
    {
        if (_route is { } route && FailRouted(route, error))
        {
            return;
        }

        _error = error;
        Signal(inline);
    }

    void IThreadPoolWorkItem.Execute()
    {
        if (_error is { } error)
        {
            _core.SetException(error);
        }
        else
        {
            _core.SetResult(true);
        }
    }

    void IValueTaskSource.GetResult(short token) => ((IValueTaskSource<string>)this).GetResult(token);

    string IValueTaskSource<string>.GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
            return _result!;
        }
        finally
        {
            _core.Reset();
            _response = null;
            _error = null;
            _result = null;
            _route = null;
            _payload = default;
            Volatile.Write(ref _rented, 0);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Arm(ulong id, long deadline, bool counted, IBufferWriter<byte>? response)
    {
        Started = System.Diagnostics.Stopwatch.GetTimestamp();
        Deadline = deadline;
        Counted = counted;
        _response = response;
        Volatile.Write(ref _id, (long)id);
    }

    private void Signal(bool inline)
    {
        if (inline)
        {
            ((IThreadPoolWorkItem)this).Execute();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
