using DistSys.Transport.Security;

namespace DistSys.Host.Api.Security;

/// <summary>
/// Finds the API token the way <see cref="CookieSource"/> finds the cookie: the <c>DISTSYS_API_TOKEN</c>
/// environment variable, then the file <c>DISTSYS_API_TOKEN_FILE</c> names, then <c>~/.distsys.token</c>
/// (a node creates it, 0600 with 256 random bits, when absent; a client only reads it). Explicit options
/// (<c>--api-token-file</c> on a node, <c>--token</c>/<c>--token-file</c> on a client) are looked at first by their callers.
/// </summary>
internal sealed class ApiTokenSource(Func<string, string?> getEnvironment, string homeDirectory)
{
    public const string EnvironmentVariable = "DISTSYS_API_TOKEN";
    public const string FileEnvironmentVariable = "DISTSYS_API_TOKEN_FILE";
    public const string FileName = ".distsys.token";

    /// <summary>Where a client looks, in order, for its one error line when a node refuses it.</summary>
    public const string ClientLookup = $"--token, --token-file, {EnvironmentVariable}, {FileEnvironmentVariable}, then ~/{FileName}";

    /// <summary>Reads the real environment and home directory.</summary>
    public static ApiTokenSource FromProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The token file under the home directory; null without a home directory.</summary>
    public string? HomeFile => string.IsNullOrEmpty(homeDirectory) ? null : Path.Combine(homeDirectory, FileName);

    /// <summary>
    /// A client's token: <paramref name="token"/>, else <paramref name="tokenFile"/>, else the environment, else
    /// <c>~/.distsys.token</c> when it exists; null when none is found (the node will answer 401, and the client says where it looked).
    /// </summary>
    /// <exception cref="SecretFileException">A token file breaks the secret-file rules.</exception>
    /// <exception cref="ArgumentException">A token breaks <see cref="ApiToken.Expected"/>.</exception>
    public ApiToken? ForClient(string? token, string? tokenFile)
    {
        if (token is not null)
        {
            return ApiToken.FromText(token, "--token");
        }

        if (tokenFile is not null)
        {
            return ReadFile(tokenFile, "--token-file");
        }

        if (FromEnvironment() is { } found)
        {
            return found;
        }

        return HomeFile is { } home && File.Exists(home) ? ReadFile(home, $"~/{FileName}") : null;
    }

    /// <summary>A node's token when no setting gave one: the environment, else <c>~/.distsys.token</c>, created when absent.</summary>
    /// <exception cref="SecretFileException">A token file breaks the secret-file rules or cannot be created.</exception>
    /// <exception cref="ArgumentException">A token breaks <see cref="ApiToken.Expected"/>.</exception>
    public ApiToken ForNode()
    {
        if (FromEnvironment() is { } found)
        {
            return found;
        }

        var home = HomeFile ?? throw new SecretFileException($"there is no home directory for ~/{FileName}");
        var text = SecretFile.ReadOrCreate(home, ApiToken.MaxLength, ApiToken.NewRandomText, out var created);
        return ApiToken.FromText(text, created ? $"~/{FileName} (created)" : $"~/{FileName}");
    }

    /// <summary>A token file by the secret-file rules; <paramref name="origin"/> names the setting that gave the path.</summary>
    public static ApiToken ReadFile(string path, string origin)
    {
        var text = SecretFile.Read(path, ApiToken.MaxLength);
        try
        {
            return ApiToken.FromText(text, $"{origin} {path}");
        }
        catch (ArgumentException)
        {
            throw new SecretFileException($"{path} does not hold {ApiToken.Expected}");
        }
    }

    private ApiToken? FromEnvironment()
    {
        if (getEnvironment(EnvironmentVariable) is { Length: > 0 } text)
        {
            return ApiToken.FromText(text, EnvironmentVariable);
        }

        return getEnvironment(FileEnvironmentVariable) is { Length: > 0 } path ? ReadFile(path, FileEnvironmentVariable) : null;
    }
}
