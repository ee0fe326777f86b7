using Microsoft.Extensions.Logging;

namespace DistSys.Streams;

/// <summary>What the streaming service logs (event ids 7500+, stable: scripts and tests may match them).</summary>
internal static partial class StreamsLog
{
    [LoggerMessage(7501, LogLevel.Information, "stream {JobId} '{Name}' started: {Nodes} node(s), {Instances} instance(s)")]
    public static partial void Started(ILogger logger, string jobId, string name, int nodes, int instances);

    [LoggerMessage(7502, LogLevel.Information, "stream {JobId} {Status}{Error}")]
    public static partial void Ended(ILogger logger, string jobId, string status, string error);

    [LoggerMessage(7503, LogLevel.Warning, "stream {JobId}: instance {Node}#{Instance} failed ({Reason}); restarting from the acked offsets")]
    public static partial void InstanceFailed(ILogger logger, string jobId, string node, int instance, string reason);

    [LoggerMessage(7504, LogLevel.Information, "stream {JobId} sink {Node}: {Event}")]
    public static partial void SinkEvent(ILogger logger, string jobId, string node, string @event);

    [LoggerMessage(7505, LogLevel.Information, "streams: {Resumed} running topology(ies) resumed from the store")]
    public static partial void Resumed(ILogger logger, int resumed);

    [LoggerMessage(7506, LogLevel.Warning, "stream {JobId}: instance {Node}#{Instance} could not start on {Worker} ({Reason}); it runs on the master")]
    public static partial void PlacedOnMaster(ILogger logger, string jobId, string node, int instance, string worker, string reason);
}
