using System.Buffers;
using System.Collections.Concurrent;
using MessagePack;

namespace DistSys.Runtime.Distribution;

/// <summary>
/// Behaviours other nodes may spawn here by name (remote spawn). The arguments travel as MessagePack
/// and are decoded as the registered argument type, so a peer can only start what this node registered.
/// </summary>
public sealed class BehaviourRegistry
{
    private readonly ConcurrentDictionary<string, Func<ReadOnlySequence<byte>, MessagePackSerializerOptions, Behaviour>> _factories =
        new(StringComparer.Ordinal);

    internal BehaviourRegistry()
    {
    }

    /// <summary>Registers <paramref name="name"/>: a spawn request decodes its arguments as <typeparamref name="TArgs"/> and calls <paramref name="factory"/>.</summary>
    public void Register<TArgs>(string name, Func<TArgs, Behaviour> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(name, (args, options) => factory(MessagePackSerializer.Deserialize<TArgs>(args, options)));
    }

    /// <summary>Registers <paramref name="name"/> for a behaviour that takes no arguments.</summary>
    public void Register(string name, Func<Behaviour> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(name, (_, _) => factory());
    }

    /// <summary>True when <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>Makes the behaviour; throws with a message fit for the requester when the name or arguments are bad.</summary>
    internal Behaviour Create(string name, ReadOnlySequence<byte> args, MessagePackSerializerOptions options)
    {
        if (!_factories.TryGetValue(name, out var factory))
        {
            throw new InvalidOperationException($"no behaviour named '{name}' is registered on this node");
        }

        try
        {
            return factory(args, options) ?? throw new InvalidOperationException($"the factory of '{name}' returned null");
        }
        catch (MessagePackSerializationException ex)
        {
            throw new InvalidOperationException($"the arguments of '{name}' do not decode: {ex.Message}", ex);
        }
    }

    private void Add(string name, Func<ReadOnlySequence<byte>, MessagePackSerializerOptions, Behaviour> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_factories.TryAdd(name, factory))
        {
            throw new InvalidOperationException($"A behaviour named '{name}' is already registered.");
        }
    }
}
