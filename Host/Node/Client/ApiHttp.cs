using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DistSys.Host.Api.Security;
using DistSys.Transport.Security;

namespace DistSys.Host.Client;

/// <summary>
/// The one way the client commands (<c>client</c>, <c>plugin</c>, <c>demo</c>) talk to a node: an HttpClient
/// that sends the API token on every request, and the one line a refused token is reported with.
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

    /// <summary>What a 401 means to the user: which token was sent (by origin, never by value) and where the client looks.</summary>
    public static string Unauthorized(Endpoint node, ApiToken? token) => token is null
        ? $"unauthorized: {node} needs its API token and none was found (looked in {ApiTokenSource.ClientLookup})"
        : $"unauthorized: {node} refused the API token from {token.Origin} (the client looks in {ApiTokenSource.ClientLookup}; a node's own is ~/{ApiTokenSource.FileName} where it runs)";
}
