using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>The local name registry: one name per process, released when the process dies.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>
    /// Registers <paramref name="pid"/> under <paramref name="name"/>. Throws
    /// <see cref="InvalidOperationException"/> naming the owner if the name is taken, or if the
    /// process is not alive or already has a name.
    /// </summary>
    public void Register(string name, Pid pid)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!IsLocal(pid) || Table.Find(pid.Id) is not { } process)
        {
            ThrowHelper.ThrowCannotRegister(name, pid, "it is not a live local process");
            return;
        }

        if (!TryClaimName(name, process))
        {
            if (_names.TryGetValue(name, out var owner))
            {
                ThrowHelper.ThrowNameTaken(name, owner);
            }

            ThrowHelper.ThrowCannotRegister(name, pid, process.IsDead ? "it is not alive" : $"it is already registered as '{process.Name}'");
        }
    }

    /// <summary>Removes <paramref name="name"/>; false if it was not registered.</summary>
    public bool Unregister(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_names.TryGetValue(name, out var pid))
        {
            return false;
        }

        if (Table.Find(pid.Id) is { } process)
        {
            process.TryClearName(name);
        }

        return _names.TryRemove(new KeyValuePair<string, Pid>(name, pid));
    }

    /// <summary>The process registered as <paramref name="name"/>, or <see cref="Pid.None"/>.</summary>
    public Pid Whereis(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _names.TryGetValue(name, out var pid) ? pid : Pid.None;
    }

    /// <summary>Every registered name right now.</summary>
    public IReadOnlyCollection<string> RegisteredNames => [.. _names.Keys];

    /// <summary>Claims the name in the table, then on the process; a dying process gives it back.</summary>
    private bool TryClaimName(string name, Process process)
    {
        if (!_names.TryAdd(name, process.Pid))
        {
            return false;
        }

        if (!process.TrySetName(name, out _))
        {
            _names.TryRemove(new KeyValuePair<string, Pid>(name, process.Pid));
            return false;
        }

        return true;
    }

    internal void ReleaseName(string name, Pid pid) => _names.TryRemove(new KeyValuePair<string, Pid>(name, pid));
}
