using System.Diagnostics;

namespace DistSys.Runtime;

/// <summary>
/// The module's ActivitySource (docs/metrics.md, "Traces"): a <c>remote.call</c> span per call to a
/// process on another node, from the send to the reply or the failure, a child of the caller's current
/// span. With no listener (no <c>--otlp-endpoint</c>) it returns at the first check and allocates
/// nothing; a local call is never traced (it is the hot path, and its cost is a mailbox hop).
/// </summary>
internal static class RuntimeTracing
{
    public const string SourceName = "DistSys.Runtime";

    private static readonly ActivitySource s_source = new(SourceName);

    public static Activity? StartRemoteCall(Pid to, object request)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var call = s_source.StartActivity("remote.call", ActivityKind.Client);
        call?.SetTag("distsys.call.target", to.ToString()).SetTag("distsys.call.node", to.Node).SetTag("distsys.call.request", request.GetType().Name);
        return call;
    }

    /// <summary>Ends a remote call's span as failed, with the exit reason the caller sees.</summary>
    public static void Failed(Activity? call, ExitReason reason)
    {
        if (call is not null)
        {
            call.SetTag("distsys.call.reason", reason.ToString());
            call.SetStatus(ActivityStatusCode.Error, reason.ToString());
        }
    }
}
