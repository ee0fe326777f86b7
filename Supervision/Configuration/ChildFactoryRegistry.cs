using DistSys.Runtime;

namespace DistSys.Supervision.Configuration;

/// <summary>
/// The behaviours a configuration may name: each registered name maps to a factory of a fresh
/// behaviour (given the child's argument, null for static children) and its spawn options.
/// </summary>
public sealed class ChildFactoryRegistry
{
    private readonly Dictionary<string, ChildStart> _starts = new(StringComparer.Ordinal);

    /// <summary>Every registered name.</summary>
    public IReadOnlyCollection<string> Names => _starts.Keys;

    /// <summary>Registers <paramref name="factory"/> as <paramref name="name"/>; a name can be registered once.</summary>
    public ChildFactoryRegistry Register(string name, Func<object?, Behaviour> factory, SpawnOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_starts.TryAdd(name, ChildStarts.Linked(factory, options)))
        {
            throw new ArgumentException($"a behaviour named '{name}' is already registered", nameof(name));
        }

        return this;
    }

    /// <summary>Registers a factory that takes no argument.</summary>
    public ChildFactoryRegistry Register(string name, Func<Behaviour> factory, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Register(name, _ => factory(), options);
    }

    internal bool TryGet(string name, out ChildStart start) => _starts.TryGetValue(name, out start!);
}
