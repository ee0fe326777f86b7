using DistSys.Runtime;
using Microsoft.Extensions.Logging;

namespace DistSys.Supervision;

/// <summary>Every log line of the supervision module, with stable event ids.</summary>
internal static partial class SupervisionLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "supervisor {Supervisor} restarting child '{ChildId}' after exit {Reason} (restart {RestartCount})")]
    public static partial void Restarting(ILogger logger, Pid supervisor, string childId, ExitReason reason, int restartCount);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "supervisor {Supervisor} could not start child '{ChildId}': {Reason} (restart {RestartCount})")]
    public static partial void StartFailed(ILogger logger, Pid supervisor, string childId, ExitReason reason, int restartCount);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "supervisor {Supervisor} gives up: child '{ChildId}' exited {Reason} and the intensity of {Intensity} restarts per {Period} is exceeded (restart {RestartCount})")]
    public static partial void GivingUp(ILogger logger, Pid supervisor, string childId, ExitReason reason, int restartCount, int intensity, TimeSpan period);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "supervisor {Supervisor} escalates: stopped its children and exits with shutdown")]
    public static partial void Escalating(ILogger logger, Pid supervisor);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "supervisor {Supervisor}: child '{ChildId}' exited {Reason} and is not restarted ({Restart})")]
    public static partial void NotRestarted(ILogger logger, Pid supervisor, string childId, ExitReason reason, RestartType restart);
}
