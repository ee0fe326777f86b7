using Microsoft.Extensions.Logging;

namespace DistSys.Jobs;

/// <summary>What the job service logs (event ids 7000+, stable: scripts and tests may match them).</summary>
internal static partial class JobsLog
{
    [LoggerMessage(7001, LogLevel.Information, "scheduler started: {Jobs} job(s) in the store, {Resumed} resumed, {Workers} known worker(s)")]
    public static partial void SchedulerStarted(ILogger logger, int jobs, int resumed, int workers);

    [LoggerMessage(7002, LogLevel.Information, "job {JobId} '{Name}' submitted: {Operation}, {Tasks} task(s)")]
    public static partial void JobSubmitted(ILogger logger, string jobId, string name, string operation, int tasks);

    [LoggerMessage(7003, LogLevel.Information, "job {JobId} {Status}: {Done}/{Total} task(s), {Attempts} attempt(s){Error}")]
    public static partial void JobEnded(ILogger logger, string jobId, string status, int done, int total, int attempts, string error);

    [LoggerMessage(7014, LogLevel.Information, "job {JobId} retried: {Done}/{Total} task(s) were completed and are kept, the rest run again")]
    public static partial void JobRetried(ILogger logger, string jobId, int done, int total);

    [LoggerMessage(7004, LogLevel.Information, "worker {WorkerId} registered its executor: up to {MaxTasks} task(s) at once")]
    public static partial void WorkerJoined(ILogger logger, string workerId, int maxTasks);

    [LoggerMessage(7005, LogLevel.Warning, "{Reason}: {Leases} lease(s) revoked, their tasks re-queued")]
    public static partial void LeasesRevoked(ILogger logger, string reason, int leases);

    [LoggerMessage(7006, LogLevel.Warning, "job {JobId} task {Index} attempt {Attempt} failed on {WorkerId}: {Error}")]
    public static partial void AttemptFailed(ILogger logger, string jobId, int index, int attempt, string workerId, string error);

    [LoggerMessage(7008, LogLevel.Error, "store write refused, this master no longer leads: {Detail}")]
    public static partial void WriteFenced(ILogger logger, string detail);

    [LoggerMessage(7012, LogLevel.Error, "job store full: a batch of {Writes} write(s) is kept and retried every second; new jobs are refused (507) until space is freed: {Detail}")]
    public static partial void StoreFull(ILogger logger, int writes, string detail);

    [LoggerMessage(7013, LogLevel.Information, "job store writable again: the kept writes are committed and new jobs are accepted")]
    public static partial void StoreWritable(ILogger logger);

    [LoggerMessage(7009, LogLevel.Information, "leading the shared store {Store} as epoch {Epoch}")]
    public static partial void Leading(ILogger logger, string store, long epoch);

    [LoggerMessage(7010, LogLevel.Information, "standing by: {Leader} leads the shared store {Store} (epoch {Epoch})")]
    public static partial void StandingBy(ILogger logger, string leader, string store, long epoch);

    [LoggerMessage(7011, LogLevel.Warning, "the shared store is unreachable: {Detail}")]
    public static partial void StoreUnreachable(ILogger logger, string detail);

    [LoggerMessage(7015, LogLevel.Information, "worker {WorkerId} claimed back {Leases} lease(s) after the takeover: its tasks run on")]
    public static partial void LeasesReclaimed(ILogger logger, string workerId, int leases);

    // The operator's log says why a register's dial failed; the HTTP answer does not (it would make register a port scanner).
    [LoggerMessage(7007, LogLevel.Warning, "register: cannot add the node at {Address}: {Reason}")]
    public static partial void RegisterDialFailed(ILogger logger, string address, string reason);
}
