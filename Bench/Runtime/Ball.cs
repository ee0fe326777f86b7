using DistSys.Runtime;

namespace DistSys.Bench.Runtime;

/// <summary>A preallocated message: reused every run, so sending it allocates nothing.</summary>
internal sealed class Ball(Pid ping, int channelIndex)
{
    public Pid Ping { get; } = ping;

    public int ChannelIndex { get; } = channelIndex;

    public int Remaining { get; set; }
}
