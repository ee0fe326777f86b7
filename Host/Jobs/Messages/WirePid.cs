using DistSys.Runtime;
using MessagePack;

namespace DistSys.Host.Jobs.Messages;

/// <summary>A pid as the job messages carry it: three plain fields, so the messages need no custom formatter.</summary>
[MessagePackObject]
public readonly record struct WirePid([property: Key(0)] int Node, [property: Key(1)] int Incarnation, [property: Key(2)] long Id)
{
    public static implicit operator WirePid(Pid pid) => new(pid.Node, pid.Incarnation, pid.Id);

    public static implicit operator Pid(WirePid pid) => new(pid.Node, pid.Incarnation, pid.Id);

    public Pid ToPid() => this;

    public static WirePid FromPid(Pid pid) => pid;
}
