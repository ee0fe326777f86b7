using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace DistSys.Host.Jobs.Operations;

/// <summary>
/// The operations a node knows, by name: the built-ins, plus <c>plugin:NAME</c> entries the plugin
/// service adds at run time. Master and workers each hold one; a worker asked for an operation it
/// does not know fails that attempt with a clear error.
/// </summary>
internal sealed class OperationRegistry
{
    /// <summary>The prefix every operation added from outside the built-ins must carry.</summary>
    public const string PluginPrefix = "plugin:";

    private readonly ConcurrentDictionary<string, IJobOperation> _operations = new(StringComparer.Ordinal);

    private OperationRegistry()
    {
    }

    /// <summary>A registry holding the built-ins: multiply, sum, sort, wordcount, sleep.</summary>
    public static OperationRegistry CreateDefault()
    {
        var registry = new OperationRegistry();
        foreach (var op in (IJobOperation[])[new MultiplyOperation(), new SumOperation(), new SortOperation(), new WordCountOperation(), new SleepOperation()])
        {
            registry._operations[op.Name] = op;
        }

        return registry;
    }

    /// <summary>The names, sorted, for error messages and docs.</summary>
    public IReadOnlyList<string> Names => [.. _operations.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Adds or replaces a plugin operation; its name must start with <see cref="PluginPrefix"/>.</summary>
    public void AddPlugin(IJobOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!operation.Name.StartsWith(PluginPrefix, StringComparison.Ordinal) || operation.Name.Length == PluginPrefix.Length)
        {
            throw new ArgumentException($"a plugin operation's name must be '{PluginPrefix}NAME', not '{operation.Name}'", nameof(operation));
        }

        _operations[operation.Name] = operation;
    }

    /// <summary>Removes a plugin operation; false if there was none.</summary>
    public bool RemovePlugin(string name) =>
        name.StartsWith(PluginPrefix, StringComparison.Ordinal) && _operations.TryRemove(name, out _);

    /// <summary>The operation <paramref name="name"/> selects; <c>plugin:NAME@VERSION</c> pins a version of a versioned one.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out IJobOperation? operation)
    {
        if (_operations.TryGetValue(name, out operation))
        {
            return true;
        }

        var at = name.LastIndexOf('@');
        if (name.StartsWith(PluginPrefix, StringComparison.Ordinal) && at > PluginPrefix.Length && at < name.Length - 1
            && _operations.TryGetValue(name[..at], out var any) && any is IVersionedOperation versioned)
        {
            operation = versioned.WithVersion(name[(at + 1)..]);
            return true;
        }

        operation = null;
        return false;
    }
}
