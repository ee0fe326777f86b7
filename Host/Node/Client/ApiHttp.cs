using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
    /// <summary>
    /// A client for <paramref name="node"/>: plain HTTP, or with <paramref name="authorities"/> HTTPS whose
    /// server certificate must match the node's name and chain to those CAs alone (no system roots).
    /// </summary>
    public static HttpClient Create(Endpoint node, ApiToken? token, TimeSpan timeout, X509Certificate2Collection? authorities = null)
    {
        var handler = new SocketsHttpHandler();
        if (authorities is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && ClusterTls.ChainsTo(certificate, authorities);
        }

        var scheme = authorities is null ? "http" : "https";
        var http = new HttpClient(handler) { BaseAddress = new Uri($"{scheme}://{node}/"), Timeout = timeout };
        if (token is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", token.HeaderValue);
        }

        return http;
    }

    /// <summary>The CA file of <c>--ca</c> (null without one); a file that holds no PEM certificate is one line on <paramref name="stderr"/> and false.</summary>
    public static bool TryLoadAuthorities(TokenArgs args, TextWriter stderr, out X509Certificate2Collection? authorities)
    {
        authorities = null;
        if (args.Ca is not { } file)
        {
            return true;
        }

        try
        {
            var loaded = new X509Certificate2Collection();
            loaded.ImportFromPemFile(file);
            if (loaded.Count > 0)
            {
                authorities = loaded;
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            stderr.WriteLine($"distributed_system: --ca '{file}': {ex.Message}");
            return false;
        }

        stderr.WriteLine($"distributed_system: --ca '{file}' holds no PEM certificate");
        return false;
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
