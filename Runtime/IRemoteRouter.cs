namespace DistSys.Runtime;

/// <summary>
/// The seam the distribution layer implements: everything the runtime must send to a pid on
/// another node goes through it. Every method must return at once and never throw for an
/// unreachable node; it drops (and counts) what it cannot deliver and later reports the node down
/// with <see cref="ProcessRuntime.NodeDown"/>, which fires links and monitors with noconnection.
/// The receiving node feeds what arrives into the matching <c>ProcessRuntime.Deliver*</c> method.
/// </summary>
internal interface IRemoteRouter
{
    /// <summary>A user message (a <see cref="CallRequest"/> for a remote Call).</summary>
    void Send(Pid from, Pid to, object message);

    /// <summary><paramref name="from"/> linked itself to <paramref name="to"/>: ask the remote side to link back.</summary>
    void Link(Pid from, Pid to);

    /// <summary><paramref name="from"/> removed its link to <paramref name="to"/>.</summary>
    void Unlink(Pid from, Pid to);

    /// <summary>An exit signal; <paramref name="fromLink"/> when it comes from a link rather than Exit().</summary>
    void Exit(Pid from, Pid to, ExitReason reason, bool fromLink);

    /// <summary><paramref name="watcher"/> monitors <paramref name="target"/> under <paramref name="reference"/>.</summary>
    void Monitor(Pid watcher, Pid target, MonitorRef reference);

    /// <summary>The monitor <paramref name="reference"/> of <paramref name="watcher"/> on <paramref name="target"/> was removed.</summary>
    void Demonitor(Pid watcher, Pid target, MonitorRef reference);

    /// <summary>A local <paramref name="target"/> monitored by a remote <paramref name="watcher"/> exited.</summary>
    void Down(Pid watcher, MonitorRef reference, Pid target, ExitReason reason);
}
