using System.Buffers;
using System.Collections.Concurrent;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Tests.Connections.Support;

/// <summary>Keeps a copy of every frame it is handed and remembers how its connection closed.</summary>
internal sealed class RecordingHandler : IFrameHandler
{
    private readonly TaskCompletionSource<CloseReason> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _count;

    public ConcurrentQueue<(FrameHeader Header, byte[] Payload)> Frames { get; } = new();

    /// <summary>When false, only counts (for million-frame runs).</summary>
    public bool Keep { get; init; } = true;

    /// <summary>Optional check run on each frame, on the read loop.</summary>
    public Action<Frame>? OnEach { get; init; }

    public long Count => Interlocked.Read(ref _count);

    public Task<CloseReason> Closed => _closed.Task;

    public void OnFrame(in Frame frame, Connection connection)
    {
        OnEach?.Invoke(frame);
        if (Keep)
        {
            Frames.Enqueue((frame.Header, frame.Payload.ToArray()));
        }

        Interlocked.Increment(ref _count);
    }

    public void OnClosed(Connection connection, CloseReason reason) => _closed.TrySetResult(reason);
}
