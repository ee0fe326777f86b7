using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace DistSys.Jobs.Operations;

/// <summary>
/// The operations a node knows, by name: the built-ins, plus operations other services add at run
/// time (the executable's plugin bridge adds <c>plugin:NAME</c> ones). Master and workers each hold
/// one; a worker asked for an operation it does not know fails that attempt with a clear error.
/// </summary>
internal sealed class OperationRegistry
{
    private readonly ConcurrentDictionary<string, IJobOperation> _operations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _builtIns = new(StringComparer.Ordinal);

    private OperationRegistry()
    {
    }

    /// <summary>A registry holding the built-ins: multiply, sum, sort, wordcount, count_by, sum_by, sleep.</summary>
    public static OperationRegistry CreateDefault()
    {
        var registry = new OperationRegistry();
        foreach (var op in (IJobOperation[])[new MultiplyOperation(), new SumOperation(), new SortOperation(), new WordCountOperation(), new CountByOperation(), new SumByOperation(), new SleepOperation()])
        {
            registry._operations[op.Name] = op;
            registry._builtIns.Add(op.Name);
        }

        return registry;
    }

    /// <summary>The names, sorted, for error messages and docs.</summary>
    public IReadOnlyList<string> Names => [.. _operations.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Adds or replaces an operation added at run time. A built-in's name is refused, so nothing added
    /// later changes what <c>sum</c> means; <c>@</c> is refused because it selects a version.
    /// </summary>
    public void Add(IJobOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Name.Length == 0 || operation.Name.Contains('@', StringComparison.Ordinal) || _builtIns.Contains(operation.Name))
        {
            throw new ArgumentException($"'{operation.Name}' cannot name an added operation (empty, holds '@', or a built-in)", nameof(operation));
        }

        _operations[operation.Name] = operation;
    }

    /// <summary>Removes an operation added at run time; false if there was none (built-ins stay).</summary>
    public bool Remove(string name) => !_builtIns.Contains(name) && _operations.TryRemove(name, out _);

    /// <summary>The operation <paramref name="name"/> selects; <c>NAME@VERSION</c> pins a version of a versioned one.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out IJobOperation? operation)
    {
        if (_operations.TryGetValue(name, out operation))
        {
            return true;
        }

        var at = name.LastIndexOf('@');
        if (at > 0 && at < name.Length - 1 && _operations.TryGetValue(name[..at], out var any) && any is IVersionedOperation versioned)
        {
            operation = versioned.WithVersion(name[(at + 1)..]);
            return true;
        }

        operation = null;
        return false;
    }
}
