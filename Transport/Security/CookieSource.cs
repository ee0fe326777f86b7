using System.Runtime.Versioning;

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

    private const UnixFileMode OthersMayTouch =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

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

        return File.Exists(FilePath) ? ReadFile() : CreateFile();
    }

    private ClusterCookie ReadFile()
    {
        if (!OperatingSystem.IsWindows())
        {
            RefuseIfShared();
        }

        var info = new FileInfo(FilePath);
        if (info.Length > ClusterCookie.MaxBytes)
        {
            throw new CookieException($"The cookie file {FilePath} is larger than {ClusterCookie.MaxBytes} bytes.");
        }

        var text = File.ReadAllText(FilePath);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CookieException($"The cookie file {FilePath} is empty.");
        }

        return ClusterCookie.FromText(text, CookieOrigin.File);
    }

    [UnsupportedOSPlatform("windows")]
    private void RefuseIfShared()
    {
        var mode = File.GetUnixFileMode(FilePath);
        if ((mode & OthersMayTouch) != 0)
        {
            throw new CookieException(
                $"The cookie file {FilePath} is accessible by group or others (mode {Convert.ToString((int)mode, 8)}); run chmod 600 on it.");
        }
    }

    private ClusterCookie CreateFile()
    {
        var text = ClusterCookie.NewRandomText();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 atomically, never chmod-ed after the fact: no window where others can read it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(FilePath, options);
            using var writer = new StreamWriter(stream);
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(FilePath))
        {
            // Another node on this machine created it first: use theirs.
            return ReadFile();
        }

        return ClusterCookie.FromText(text, CookieOrigin.CreatedFile);
    }
}
