using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DistSys.Host.Api.Security;
using DistSys.Transport.Security;

namespace DistSys.Host.Cli;

/// <summary>What a client command's <see cref="TokenArgs"/> name, loaded: the API token and the CA to trust, each failure one line on stderr.</summary>
internal static class ClientCredentials
{
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
}
