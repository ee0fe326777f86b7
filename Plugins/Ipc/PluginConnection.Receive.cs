using System.Diagnostics;
using DistSys.Plugins.Sdk.Protocol;
using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;

namespace DistSys.Plugins.Ipc;

/// <summary>
/// The reader thread: every frame the plugin writes is hostile until validated. A malformed record, an
/// unexpected kind, a status out of range or a response to no request is garbage: the instance is
/// killed (and restarted by its supervisor), never trusted further.
/// </summary>
internal sealed partial class PluginConnection
{
    private static readonly TimeSpan ReaderPoll = TimeSpan.FromMilliseconds(100);

    private void ReadLoop()
    {
        var reader = _channel.Reader;
        try
        {
            while (Failure is null)
            {
                if (!reader.TryRead(out var frame))
                {
                    if (reader.WaitToRead(ReaderPoll) == RingWaitResult.PeerClosed)
                    {
                        // A dying .NET process still runs its finally blocks, closing the channel just
                        // before it exits: the exit says more than the close.
                        Fail(_process.WaitForExit(GracefulExit) ? DescribeExit() : "closed its channel");
                    }

                    continue;
                }

                Dispatch(frame);
                reader.Advance();
            }
        }
        catch (ProtocolException garbage)
        {
            Fail($"wrote garbage on the ring ({garbage.Message}); killed");
        }
    }

    private void Dispatch(in Frame frame)
    {
        var header = frame.Header;
        switch (header.Kind)
        {
            case FrameKind.Heartbeat:
                Volatile.Write(ref _lastHeartbeat, Stopwatch.GetTimestamp());
                return;
            case FrameKind.Hello when !_hello.Task.IsCompleted:
                _hello.TrySetResult(PluginHello.Read(frame.Payload.FirstSpan));
                return;
            case FrameKind.Message when _hello.Task.IsCompleted && header.Target == 0 && header.Status <= (byte)PluginStatus.UnknownOperation:
                Complete(header, frame.Payload.FirstSpan);
                return;
            default:
                ProtocolException.Throw(ProtocolError.Malformed, $"plugin sent an unexpected frame: {header}");
                return;
        }
    }

    private void Complete(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (!_pending.TryClaim(header.Correlation, out var call))
        {
            ProtocolException.Throw(ProtocolError.Malformed, $"plugin answered request {header.Correlation}, which is not in flight");
        }

        var status = (PluginStatus)header.Status;
        Stats.Completed(call, failed: status != PluginStatus.Ok);
        if (status == PluginStatus.Ok)
        {
            call.Succeed(payload, _spec.InlineCompletions);
            return;
        }

        var error = status == PluginStatus.UnknownOperation ? PluginError.UnknownOperation : PluginError.OperationFailed;
        call.Fail(new PluginException(error, $"plugin {_spec}: {DecodeReason(payload)}"), _spec.InlineCompletions);
    }
}
