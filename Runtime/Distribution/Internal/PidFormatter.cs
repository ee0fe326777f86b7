using MessagePack;
using MessagePack.Formatters;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// A pid inside a MessagePack message is <c>[node, incarnation, id]</c>: the node id is the same on every
/// node (a hash of the name), so the three numbers name the process anywhere in the cluster.
/// </summary>
internal sealed class PidFormatter : IMessagePackFormatter<Pid>
{
    public static readonly PidFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, Pid value, MessagePackSerializerOptions options)
    {
        writer.WriteArrayHeader(3);
        writer.Write(value.Node);
        writer.Write(value.Incarnation);
        writer.Write(value.Id);
    }

    public Pid Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.ReadArrayHeader() != 3)
        {
            throw new MessagePackSerializationException("a pid is [node, incarnation, id]");
        }

        return new Pid(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64());
    }
}
