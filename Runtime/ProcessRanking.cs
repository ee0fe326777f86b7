namespace DistSys.Runtime;

/// <summary>What <see cref="ProcessRuntime.Top"/> ranks processes by.</summary>
public enum ProcessRanking
{
    /// <summary>Messages waiting in the mailbox.</summary>
    MailboxLength,

    /// <summary>Messages handled since spawn.</summary>
    MessagesHandled,

    /// <summary>Bytes of the mailbox's rings (<see cref="ProcessInfo.MailboxBytes"/>).</summary>
    MailboxBytes,
}
