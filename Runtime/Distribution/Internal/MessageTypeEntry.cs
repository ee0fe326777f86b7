using MessagePack;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>One registered wire type: its tag and how to write and read its MessagePack body.</summary>
internal abstract class MessageTypeEntry(int tag, Type type)
{
    public int Tag { get; } = tag;

    public Type Type { get; } = type;

    public abstract void Serialize(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options);

    public abstract object Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options);
}

/// <summary>The entry for <typeparamref name="T"/>: the generic calls reach MessagePack's cached formatter without reflection.</summary>
internal sealed class MessageTypeEntry<T>(int tag) : MessageTypeEntry(tag, typeof(T))
    where T : notnull
{
    public override void Serialize(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options) =>
        MessagePackSerializer.Serialize(ref writer, (T)value, options);

    public override object Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        MessagePackSerializer.Deserialize<T>(ref reader, options) ?? throw new MessagePackSerializationException($"a null {typeof(T).Name}");
}
