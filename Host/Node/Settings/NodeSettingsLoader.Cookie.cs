using DistSys.Transport.Security;

namespace DistSys.Host.Node.Settings;

internal static partial class NodeSettingsLoader
{
    private const UnixFileMode OthersMayTouch =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// cookie and cookie_file are one setting: the first layer that gives either wins, so
    /// <c>--cookie-file</c> beats <c>DISTSYS_COOKIE</c>. With neither, Transport's
    /// <see cref="CookieSource"/> reads (or creates, mode 0600) <c>~/.distsys.cookie</c>.
    /// </summary>
    private static ClusterCookie ReadCookie(IReadOnlyList<SettingLayer> layers, IReadOnlyDictionary<string, string> environment, string homeDirectory)
    {
        foreach (var layer in layers)
        {
            if (layer.Values[SettingNames.Cookie] is { } text)
            {
                return FromText(text, CookieOrigin.Config, SettingNames.Cookie, "<hidden>", layer.Describe(SettingNames.Cookie));
            }

            if (layer.Values[SettingNames.CookieFile] is { } path)
            {
                return ReadCookieFile(path, layer.Describe(SettingNames.CookieFile));
            }
        }

        if (string.IsNullOrEmpty(homeDirectory))
        {
            Throw($"no cookie: set {SettingNames.Flag(SettingNames.Cookie)}, {SettingNames.EnvironmentVariable(SettingNames.Cookie)} or {SettingNames.CookieFile} (there is no home directory for ~/{CookieSource.FileName})");
        }

        try
        {
            return new CookieSource(name => environment.GetValueOrDefault(name), homeDirectory).Resolve();
        }
        catch (Exception ex) when (ex is CookieException or IOException or UnauthorizedAccessException)
        {
            return Fail<ClusterCookie>($"invalid cookie: {ex.Message}");
        }
    }

    private static ClusterCookie ReadCookieFile(string path, string source)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Invalid<ClusterCookie>(SettingNames.CookieFile, path, source, "an existing file holding the cookie");
        }

        // The same rule as ~/.distsys.cookie: a secret every local user can read authenticates nobody.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersMayTouch) != 0)
        {
            Throw($"invalid {SettingNames.CookieFile} '{path}' (from {source}): group or others may access it; run chmod 600 on it");
        }

        if (info.Length > ClusterCookie.MaxBytes)
        {
            Throw($"invalid {SettingNames.CookieFile} '{path}' (from {source}): larger than {ClusterCookie.MaxBytes} bytes");
        }

        return FromText(File.ReadAllText(path), CookieOrigin.File, SettingNames.CookieFile, path, source);
    }

    // The value of a cookie is never echoed in an error: it would land in logs and shell history.
    private static ClusterCookie FromText(string text, CookieOrigin origin, string key, string shown, string source)
    {
        try
        {
            return ClusterCookie.FromText(text, origin);
        }
        catch (ArgumentException)
        {
            return Invalid<ClusterCookie>(key, shown, source, $"1 to {ClusterCookie.MaxBytes} bytes of text");
        }
    }
}
