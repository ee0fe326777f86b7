using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>Creating processes.</summary>
public sealed partial class ProcessRuntime
{
    /// <summary>Spawns a process running <paramref name="behaviour"/>; it starts with its init, if it has one.</summary>
    public Pid Spawn(Behaviour behaviour, SpawnOptions? options = null) =>
        SpawnCore(behaviour, options ?? SpawnOptions.Default, linkTo: null, startWaiter: null);

    /// <summary>Spawns a process whose code is one async handler.</summary>
    public Pid Spawn(Func<ProcessContext, object, ValueTask> handler, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Spawn(new LambdaBehaviour(handler), options);
    }

    /// <summary>Spawns a process whose code is one synchronous handler.</summary>
    public Pid Spawn(Action<ProcessContext, object> handler, SpawnOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Spawn(new SyncLambdaBehaviour(handler), options);
    }

    /// <summary>
    /// Spawns a process and completes once its init has run (Erlang's start for a gen_server);
    /// fails with a <see cref="CallException"/> carrying the reason if it exits first.
    /// </summary>
    public Task<Pid> StartAsync(Behaviour behaviour, SpawnOptions? options = null)
    {
        var waiter = new TaskCompletionSource<Pid>(TaskCreationOptions.RunContinuationsAsynchronously);
        SpawnCore(behaviour, options ?? SpawnOptions.Default, linkTo: null, waiter);
        return waiter.Task;
    }

    internal Pid SpawnCore(Behaviour behaviour, SpawnOptions options, Process? linkTo, TaskCompletionSource<Pid>? startWaiter)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MailboxCapacity, nameof(options.MailboxCapacity));
        if (Volatile.Read(ref _disposed) != 0)
        {
            ThrowHelper.ThrowDisposed();
        }

        var hasInit = BehaviourTraits.HasInit(behaviour);
        var pid = new Pid(NodeId, Incarnation, Table.Reserve());
        var process = new Process(this, pid, behaviour, options, hasInit);
        if (linkTo is not null)
        {
            // Both sides are linked before the child can run or be found, so neither can die unlinked.
            process.Extras.LinkSet.Add(linkTo.Pid);
            linkTo.Extras.LinkSet.Add(pid);
        }

        if (startWaiter is not null)
        {
            process.Extras.StartWaiter = startWaiter;
        }

        // Published before its name is claimed: a sender that finds the name through Whereis must find
        // a process that can receive. Until this method returns nobody else holds the pid.
        Table.Publish(process);
        if (options.Name is { } name && !TryClaimName(name, process))
        {
            linkTo?.Extras.LinkSet.Remove(pid);
            Table.Release(pid);
            ThrowHelper.ThrowNameTaken(name, Whereis(name));
        }

        if (startWaiter is not null && !hasInit)
        {
            startWaiter.TrySetResult(pid);
        }

        Interlocked.Increment(ref _spawned);
        if (hasInit)
        {
            process.Start();
        }

        return pid;
    }
}
