using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>
/// What a handler may do, as its own process: the Erlang BIFs that act on <c>self()</c>.
/// Use it only inside the handler it was given to (including after an await in that handler).
/// </summary>
public readonly partial struct ProcessContext
{
    private readonly Process _process;

    internal ProcessContext(Process process) => _process = process;

    /// <summary>This process.</summary>
    public Pid Self => _process.Pid;

    /// <summary>The runtime this process lives in.</summary>
    public ProcessRuntime Runtime => _process.Runtime;

    /// <summary>Whether exit signals arrive as <see cref="ExitMessage"/> instead of ending the process.</summary>
    public bool TrapExit
    {
        get => _process.TrapExit;
        set => _process.TrapExit = value;
    }

    /// <summary>Sends a message; never blocks; per sender→receiver pair, messages arrive in order.</summary>
    public void Send(Pid to, object message) => _process.Runtime.Send(Self, to, message);

    /// <summary>Sends a message wrapped as a cast, for a <see cref="GenServer"/>.</summary>
    public void Cast(Pid to, object message) => Send(to, new CastMessage(message));

    /// <summary>Spawns a process.</summary>
    public Pid Spawn(Behaviour behaviour, SpawnOptions? options = null) =>
        _process.Runtime.SpawnCore(behaviour, options ?? SpawnOptions.Default, linkTo: null, startWaiter: null);

    /// <summary>Spawns a process already linked to this one (no window where either could die unlinked).</summary>
    public Pid SpawnLink(Behaviour behaviour, SpawnOptions? options = null) =>
        _process.Runtime.SpawnCore(behaviour, options ?? SpawnOptions.Default, linkTo: _process, startWaiter: null);

    /// <summary>
    /// Spawns a process linked to this one (from the start) and completes once its init has run
    /// (Erlang's start_link); fails with a <see cref="CallException"/> carrying the reason if it exits first.
    /// </summary>
    public Task<Pid> StartLinkAsync(Behaviour behaviour, SpawnOptions? options = null)
    {
        var waiter = new TaskCompletionSource<Pid>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.Runtime.SpawnCore(behaviour, options ?? SpawnOptions.Default, linkTo: _process, waiter);
        return waiter.Task;
    }

    /// <summary>Requests a reply from <paramref name="to"/>; see <see cref="ProcessRuntime.CallAsync{TReply}"/>.</summary>
    public Task<TReply> CallAsync<TReply>(Pid to, object request, TimeSpan timeout) =>
        _process.Runtime.CallAsync<TReply>(to, request, timeout);

    /// <summary>Ends this process with <paramref name="reason"/> (normal by default) once the current message is handled.</summary>
    public void Stop(ExitReason? reason = null) => _process.RequestStop(reason ?? ExitReason.Normal);

    /// <summary>Sends an exit signal to <paramref name="to"/> (Erlang's exit/2).</summary>
    public void Exit(Pid to, ExitReason reason) => _process.Runtime.Exit(Self, to, reason);

    /// <summary>Registers this process under <paramref name="name"/>.</summary>
    public void Register(string name) => _process.Runtime.Register(name, Self);

    /// <summary>
    /// After <paramref name="timeout"/> without any message, this process receives
    /// <see cref="ReceiveTimeout"/>; null turns it off.
    /// </summary>
    public void SetReceiveTimeout(TimeSpan? timeout) => _process.SetReceiveTimeout(timeout);

    /// <summary>Sends <paramref name="message"/> to this process after <paramref name="delay"/>.</summary>
    public TimerRef SendAfter(object message, TimeSpan delay) => _process.Runtime.SendAfter(Self, message, delay);
}
