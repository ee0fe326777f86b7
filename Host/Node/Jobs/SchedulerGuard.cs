using DistSys.Runtime;
using Microsoft.AspNetCore.Http;
using DistSys.Host.Api;

namespace DistSys.Host.Jobs;

/// <summary>The job and worker endpoints' one answer for a scheduler that is not running (restarting): 503, not a failed request.</summary>
internal static class SchedulerGuard
{
    /// <summary>The answer's code and meaning, for the OpenAPI document.</summary>
    public const string Unavailable = "scheduler_unavailable: the job scheduler is restarting";

    public static async Task<IResult> RunAsync(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (CallException ex)
        {
            return ApiResults.Status(StatusCodes.Status503ServiceUnavailable, "scheduler_unavailable", $"the job scheduler is not available ({ex.Reason})");
        }
    }
}
