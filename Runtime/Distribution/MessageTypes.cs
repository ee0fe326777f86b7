using System.Collections.Concurrent;
using DistSys.Runtime.Distribution.Internal;
using DistSys.Transport.Serialization;
using MessagePack;
using MessagePack.Resolvers;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// The message types allowed on the wire besides <c>byte[]</c>: each is a MessagePack 2.5 contract type
/// (<c>[MessagePackObject]</c> with integer keys) registered under a tag that travels in front of its
/// MessagePack body. Every node must register the same type under the same tag. Strings and primitives
/// (bool, int, long, double) are built in. Sending an unregistered type to a remote pid throws.
/// </summary>
public sealed class MessageTypes
{
    /// <summary>Tags below this are reserved for built-in and node-internal types.</summary>
    public const int FirstUserTag = 100;

    private readonly ConcurrentDictionary<Type, MessageTypeEntry> _byType = new();
    private readonly ConcurrentDictionary<int, MessageTypeEntry> _byTag = new();

    internal MessageTypes()
    {
        var resolver = CompositeResolver.Create([PidFormatter.Instance], [StandardResolverAllowPrivate.Instance]);
        SerializerOptions = new UserPayloadSerializer(resolver).Options;
        BuiltInTypes.RegisterAll(this);
    }

    /// <summary>
    /// The MessagePack options every payload uses: untrusted-data security, no compression, the standard
    /// resolver plus a formatter that writes a <see cref="Pid"/> as <c>[node, incarnation, id]</c>.
    /// </summary>
    public MessagePackSerializerOptions SerializerOptions { get; }

    /// <summary>
    /// Allows <typeparamref name="T"/> on the wire under <paramref name="tag"/> (≥ <see cref="FirstUserTag"/>).
    /// Registering the same type under the same tag again does nothing; any other reuse of a tag or type throws.
    /// </summary>
    public void Register<T>(int tag)
        where T : notnull
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tag, FirstUserTag);
        Add(new MessageTypeEntry<T>(tag));
    }

    /// <summary>True when <paramref name="type"/> may be sent to another node.</summary>
    public bool IsRegistered(Type type) => type == typeof(byte[]) || _byType.ContainsKey(type);

    /// <summary>The tag <paramref name="type"/> travels under, or null when it is not registered.</summary>
    public int? TagOf(Type type) => _byType.TryGetValue(type, out var entry) ? entry.Tag : null;

    internal void Add(MessageTypeEntry entry)
    {
        lock (_byTag)
        {
            var byTag = _byTag.GetOrAdd(entry.Tag, entry);
            var byType = _byType.GetOrAdd(entry.Type, entry);
            if (byTag.Type != entry.Type || byType.Tag != entry.Tag)
            {
                throw new InvalidOperationException(
                    $"Message tag {entry.Tag} is {byTag.Type.FullName} and {entry.Type.FullName} has tag {byType.Tag}: " +
                    "a tag names one type and a type has one tag on every node.");
            }
        }
    }

    internal bool TryGet(Type type, out MessageTypeEntry entry) => _byType.TryGetValue(type, out entry!);

    internal bool TryGet(int tag, out MessageTypeEntry entry) => _byTag.TryGetValue(tag, out entry!);
}
