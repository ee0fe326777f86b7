namespace DistSys.Runtime;

/// <summary>Options for one spawn.</summary>
public sealed record SpawnOptions
{
    /// <summary>The defaults: unbounded mailbox, exits not trapped, no name.</summary>
    public static SpawnOptions Default { get; } = new();

    /// <summary>
    /// 0 for an unbounded mailbox; otherwise the most user messages that may wait. When full, the
    /// newest message is dropped and counted (<see cref="ProcessInfo.MessagesDropped"/>); system
    /// signals and the messages they produce (EXIT, DOWN) are never dropped.
    /// </summary>
    public int MailboxCapacity { get; init; }

    /// <summary>Start with exit trapping on (a supervisor does).</summary>
    public bool TrapExit { get; init; }

    /// <summary>Register the process under this name as it is spawned.</summary>
    public string? Name { get; init; }
}
