namespace DistSys.Transport.Security;

/// <summary>
/// Finds the cluster cookie the way Erlang does: an explicit value first, then the
/// <c>DISTSYS_COOKIE</c> environment variable, then <c>~/.distsys.cookie</c>, which is created with
/// random content and mode 0600 when absent. A cookie file that others can read is refused: a secret
/// readable by every local user authenticates nobody.
/// </summary>
public sealed class CookieSource
{
    /// <summary>The environment variable consulted after the explicit value.</summary>
    public const string EnvironmentVariable = "DISTSYS_COOKIE";

    /// <summary>The file name under the home directory.</summary>
    public const string FileName = ".distsys.cookie";

    private readonly Func<string, string?> _getEnvironment;
    private readonly string _homeDirectory;

    /// <summary>Reads the real environment and the user's home directory.</summary>
    public CookieSource()
        : this(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
    {
    }

    /// <summary>Injects the environment and home directory (tests, or a host with its own config).</summary>
    public CookieSource(Func<string, string?> getEnvironment, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(getEnvironment);
        ArgumentException.ThrowIfNullOrEmpty(homeDirectory);
        _getEnvironment = getEnvironment;
        _homeDirectory = homeDirectory;
    }

    /// <summary>The cookie file this source reads or creates.</summary>
    public string FilePath => Path.Combine(_homeDirectory, FileName);

    /// <summary>Resolves the cookie.</summary>
    /// <param name="configured">An explicit cookie; null or empty means "look further".</param>
    /// <exception cref="CookieException">The cookie file is unsafe or unreadable.</exception>
    public ClusterCookie Resolve(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return ClusterCookie.FromText(configured, CookieOrigin.Config);
        }

        var fromEnvironment = _getEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return ClusterCookie.FromText(fromEnvironment, CookieOrigin.Environment);
        }

        try
        {
            var text = SecretFile.ReadOrCreate(FilePath, ClusterCookie.MaxBytes, ClusterCookie.NewRandomText, out var created);
            return ClusterCookie.FromText(text, created ? CookieOrigin.CreatedFile : CookieOrigin.File);
        }
        catch (SecretFileException ex)
        {
            throw new CookieException($"The cookie file {ex.Message}.", ex);
        }
    }
}
