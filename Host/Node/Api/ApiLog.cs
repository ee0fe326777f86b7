using Microsoft.Extensions.Logging;

namespace DistSys.Host.Api;

/// <summary>What the HTTP API logs (stable event ids 200+). Never a token, a body or a raw path.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(201, LogLevel.Error, "unhandled error answering {Endpoint}; the client got 500 internal")]
    public static partial void Unhandled(ILogger logger, string endpoint, Exception exception);
}
