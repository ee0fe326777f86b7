using Microsoft.AspNetCore.Http;

namespace DistSys.Host.Api;

/// <summary>The error answers, so every endpoint reports a bad request the same way.</summary>
internal static class ApiResults
{
    /// <summary>400 with <c>{"error","detail"}</c>.</summary>
    public static IResult BadRequest(string error, string detail) =>
        Results.Json(new ApiError(error, detail), ApiJsonContext.Default.ApiError, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>404 naming what was not found.</summary>
    public static IResult NotFound(string error, string detail) =>
        Results.Json(new ApiError(error, detail), ApiJsonContext.Default.ApiError, statusCode: StatusCodes.Status404NotFound);

    /// <summary>Any other status with the same body (409 conflict, 413 too large, 503 not ready).</summary>
    public static IResult Status(int statusCode, string error, string detail) =>
        Results.Json(new ApiError(error, detail), ApiJsonContext.Default.ApiError, statusCode: statusCode);
}
