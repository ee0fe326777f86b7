namespace DistSys.Runtime.Internal;

/// <summary>
/// Who holds a monitor: a process (told with a DOWN signal, local or remote) or an in-runtime
/// callback such as a pending Call (told directly).
/// </summary>
internal readonly record struct Watcher(Pid Pid, IDownHandler? Handler);

/// <summary>A monitor holder that is not a process.</summary>
internal interface IDownHandler
{
    void OnDown(MonitorRef reference, Pid target, ExitReason reason);
}

/// <summary>Where the reply of a <see cref="CallRequest"/> goes (a local waiter, or the distribution layer).</summary>
internal interface IReplySink
{
    void Reply(object? value);
}
