using DistSys.Runtime.Distribution;

namespace DistSys.Streams.Engine;

/// <summary>The streaming messages that cross nodes (tags 730-739 are the streaming service's), and the instance behaviour's name.</summary>
internal static class StreamWire
{
    /// <summary>The behaviour every node registers: one instance of a stage, spawned there by a master's runner.</summary>
    public const string InstanceBehaviour = "stream_instance";

    /// <summary>Allows the streaming messages on the wire; every node registers them under the same tags.</summary>
    public static void Register(MessageTypes types)
    {
        types.Register<StreamData>(730);
        types.Register<StreamCredit>(731);
        types.Register<Wire>(732);
        types.Register<Drain>(733);
        types.Register<InstanceReport>(734);
        types.Register<InstanceArgs>(735);
    }
}
