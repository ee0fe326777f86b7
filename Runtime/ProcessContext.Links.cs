using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>Links and monitors held by this process.</summary>
public readonly partial struct ProcessContext
{
    /// <summary>
    /// Links this process with <paramref name="other"/> (both ways). If it does not exist, this
    /// process receives an exit signal with reason noproc at once.
    /// </summary>
    public void Link(Pid other)
    {
        if (other == Self || !_process.Extras.LinkSet.Add(other))
        {
            return;
        }

        _process.Runtime.RouteSignal(other, new LinkSignal(Self));
    }

    /// <summary>Removes the link with <paramref name="other"/>, both ways.</summary>
    public void Unlink(Pid other)
    {
        if (_process.ExtrasOrNull?.Links?.Remove(other) == true)
        {
            _process.Runtime.RouteSignal(other, new UnlinkSignal(Self));
        }
    }

    /// <summary>
    /// Monitors <paramref name="target"/>: when it exits, this process receives one <see cref="Down"/>
    /// for this reference (at once, with noproc, if it is not alive). Each call makes a new monitor.
    /// </summary>
    public MonitorRef Monitor(Pid target)
    {
        var reference = _process.Runtime.NewMonitorRef();
        _process.Extras.WatchingMap[reference] = target;
        _process.Runtime.RouteSignal(target, new MonitorSignal(reference, new Watcher(Self, null)));
        return reference;
    }

    /// <summary>Removes a monitor; no <see cref="Down"/> for it is delivered afterwards. False if it was not active.</summary>
    public bool Demonitor(MonitorRef reference)
    {
        if (_process.ExtrasOrNull?.Watching is not { } watching || !watching.Remove(reference, out var target))
        {
            return false;
        }

        _process.Runtime.RouteSignal(target, new DemonitorSignal(reference), watcher: Self);
        return true;
    }
}
