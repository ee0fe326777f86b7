using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DistSys.Host.Api.Security;

/// <summary>
/// The last word on a request that failed: a bug becomes 500 <c>{"error":"internal"}</c> with no internals
/// (the exception, stack and all, goes to the node's log), a malformed request Kestrel refused mid-body
/// keeps its 4xx, and a client that went away gets nothing.
/// </summary>
internal sealed class ApiExceptionMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("DistSys.Host.Api");

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left: there is no one to answer.
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiResults.Status(ex.StatusCode, "bad_request", $"body: {ex.Message}").ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The route pattern, never the raw path: a path can carry control characters into the log.
            ApiLog.Unhandled(_logger, context.GetEndpoint()?.DisplayName ?? "no endpoint", ex);
            if (context.Response.HasStarted)
            {
                throw;
            }

            context.Response.Clear();
            await ApiResults.Status(StatusCodes.Status500InternalServerError, "internal",
                "the node could not answer this request; the reason is in its log").ExecuteAsync(context).ConfigureAwait(false);
        }
    }
}
