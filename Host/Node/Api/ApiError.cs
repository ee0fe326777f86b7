namespace DistSys.Host.Api;

/// <summary>
/// The one error body every endpoint answers with: <c>{"error": ..., "detail": ...}</c>.
/// <c>error</c> is a short stable code a script can match; <c>detail</c> says what was wrong in words
/// and names the offending field when there is one.
/// </summary>
internal sealed record ApiError(string Error, string? Detail);
