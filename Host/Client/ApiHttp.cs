using DistSys.Host.Api.Security;
using DistSys.Host.Cli;
using DistSys.Transport.Security;

namespace DistSys.Host.Client;

/// <summary>
/// The one way the client commands (<c>client</c>, <c>plugin</c>, <c>demo</c>) talk to a node: an HttpClient
/// that sends the API token on every request, the token found by <see cref="ApiTokenSource"/>, and the one
/// line a refused token is reported with.
/// </summary>
internal static class ApiHttp
{
    public static HttpClient Create(Endpoint node, ApiToken? token, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://{node}/"), Timeout = timeout };
        if (token is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", token.HeaderValue);
        }

        return http;
    }

    /// <summary>The client's token (null when none is found); a bad token setting is one line on <paramref name="stderr"/> and false.</summary>
    public static bool TryFindToken(ApiTokenSource source, TokenArgs args, TextWriter stderr, out ApiToken? token)
    {
        try
        {
            token = source.ForClient(args.Token, args.TokenFile);
            return true;
        }
        catch (Exception ex) when (ex is SecretFileException or ArgumentException)
        {
            // Neither message quotes the token.
            stderr.WriteLine($"distributed_system: invalid API token: {(ex is ArgumentException ? ApiToken.Expected + " expected" : ex.Message)}");
            token = null;
            return false;
        }
    }

    /// <summary>What a 401 means to the user: which token was sent (by origin, never by value) and where the client looks.</summary>
    public static string Unauthorized(Endpoint node, ApiToken? token) => token is null
        ? $"unauthorized: {node} needs its API token and none was found (looked in {ApiTokenSource.ClientLookup})"
        : $"unauthorized: {node} refused the API token from {token.Origin} (the client looks in {ApiTokenSource.ClientLookup}; a node's own is ~/{ApiTokenSource.FileName} where it runs)";
}
