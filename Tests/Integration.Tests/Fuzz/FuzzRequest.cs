using System.Net.Http.Headers;
using System.Text;

namespace DistSys.Integration.Tests.Fuzz;

/// <summary>How a generated request authenticates: the node's token, none, a wrong one, or a malformed header.</summary>
internal enum FuzzAuth
{
    Token,
    None,
    WrongToken,
    Malformed,
}

/// <summary>
/// One generated HTTP request: everything the node sees of it, so a failing one can be printed and sent
/// again. <see cref="Path"/> is already escaped (it may hold traversal, odd escapes and long segments).
/// </summary>
internal sealed record FuzzRequest(string Method, string Path, FuzzAuth Auth, string? ContentType, string? Accept, byte[]? Body, string? Header)
{
    public HttpRequestMessage ToMessage(Uri baseAddress, string token)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(baseAddress, Path));
        switch (Auth)
        {
            case FuzzAuth.Token:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                break;
            case FuzzAuth.WrongToken:
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
                break;
            case FuzzAuth.Malformed:
                message.Headers.TryAddWithoutValidation("Authorization", Header ?? "Bearer");
                break;
        }

        if (Accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", Accept);
        }

        if (Auth != FuzzAuth.Malformed && Header is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Fuzz", Header);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    /// <summary>What a failure report shows: the request line, its headers and the body's start (the token is never printed).</summary>
    public override string ToString()
    {
        var body = Body is null ? "(none)" : $"{Body.Length} bytes: {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";
        return $"{Method} {(Path.Length > 300 ? Path[..300] + "…" : Path)} auth={Auth} content-type={ContentType ?? "-"} accept={Accept ?? "-"} header={Header ?? "-"} body={body}";
    }
}
