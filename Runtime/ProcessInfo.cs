namespace DistSys.Runtime;

/// <summary>A snapshot of one process for introspection (the dashboard, diagnostics, tests).</summary>
/// <param name="Pid">The process.</param>
/// <param name="Status">What it is doing.</param>
/// <param name="MailboxLength">Messages waiting (approximate while senders are active).</param>
/// <param name="MessagesHandled">Messages handled since spawn.</param>
/// <param name="MessagesDropped">Messages dropped because a bounded mailbox was full.</param>
/// <param name="Links">Number of links.</param>
/// <param name="Monitors">Number of monitors held on this process by others.</param>
/// <param name="Timers">Number of pending timers targeting this process.</param>
/// <param name="TrapExit">Whether exit signals become messages.</param>
/// <param name="RegisteredName">Its registered name, if any.</param>
/// <param name="Behaviour">The type name of its current behaviour.</param>
/// <param name="MailboxBytes">
/// Bytes held by the mailbox's rings (slot arrays and ring objects): what the runtime owns for this
/// process's queue, not the messages it points to nor the behaviour's own state, which the runtime
/// cannot size without walking the object graph.
/// </param>
public readonly record struct ProcessInfo(
    Pid Pid,
    ProcessStatus Status,
    int MailboxLength,
    long MessagesHandled,
    long MessagesDropped,
    int Links,
    int Monitors,
    int Timers,
    bool TrapExit,
    string? RegisteredName,
    string Behaviour,
    long MailboxBytes);
