using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>Request/reply.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Sends <paramref name="request"/> as a <see cref="CallRequest"/> and waits for the reply.
    /// Throws <see cref="CallException"/> with noproc if the target is not alive, its exit reason
    /// if it exits before answering, or timeout after <paramref name="timeout"/>. A late reply is dropped.
    /// </summary>
    public async Task<TReply> CallAsync<TReply>(Pid to, object request, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sink = new CallSink(to);
        MonitorRef monitor = default;
        System.Diagnostics.Activity? span = null;
        if (IsLocal(to))
        {
            // The monitor turns the target's death (or absence) into the call's failure.
            monitor = NewMonitorRef();
            RouteSignal(to, new MonitorSignal(monitor, new Watcher(Pid.None, sink)));
        }
        else
        {
            span = RuntimeTracing.StartRemoteCall(to, request);
        }

        Send(to, new CallRequest(request, sink));
        try
        {
            var reply = await sink.Task.WaitAsync(timeout, Time).ConfigureAwait(false);
            return (TReply)reply!;
        }
        catch (TimeoutException)
        {
            // Ends the sink too, so a router waiting for a remote reply forgets the call.
            sink.TrySetCanceled();
            RuntimeTracing.Failed(span, ExitReason.Timeout);
            throw new CallException(to, ExitReason.Timeout);
        }
        catch (CallException failed)
        {
            RuntimeTracing.Failed(span, failed.Reason);
            throw;
        }
        finally
        {
            span?.Dispose();
            if (monitor.Value != 0)
            {
                RouteSignal(to, new DemonitorSignal(monitor));
            }
        }
    }
}
