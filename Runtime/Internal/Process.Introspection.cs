namespace DistSys.Runtime.Internal;

/// <summary>A racy but safe view of a process for introspection, read from any thread.</summary>
internal sealed partial class Process
{
    internal long MessagesHandled => Volatile.Read(ref _handled);

    internal ProcessInfo Snapshot()
    {
        var extras = Volatile.Read(ref _extras);
        var flags = Volatile.Read(ref _flags);
        var status = (flags & DeadFlag) != 0 ? ProcessStatus.Exited
            : (flags & SuspendedFlag) != 0 ? ProcessStatus.Suspended
            : Volatile.Read(ref _status) == Scheduled ? ProcessStatus.Runnable
            : ProcessStatus.Waiting;
        return new ProcessInfo(
            Pid,
            status,
            _mailbox.Count,
            Volatile.Read(ref _handled),
            extras is null ? 0 : Interlocked.Read(ref extras.Dropped),
            CountOf(extras?.Links),
            CountOf(extras?.WatchedBy),
            TimerCount,
            (flags & TrapExitFlag) != 0,
            Name,
            _behaviour.GetType().Name,
            _mailbox.Bytes);
    }

    /// <summary>The figure a top-N walk ranks by: plain field reads, nothing allocated.</summary>
    internal long RankOf(ProcessRanking by) => by switch
    {
        ProcessRanking.MessagesHandled => Volatile.Read(ref _handled),
        ProcessRanking.MailboxBytes => _mailbox.Bytes,
        _ => _mailbox.Count,
    };

    /// <summary>Collections owned by the process may change under us; a count is all we read.</summary>
    private static int CountOf<T>(IReadOnlyCollection<T>? collection)
    {
        try
        {
            return collection?.Count ?? 0;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }
}
