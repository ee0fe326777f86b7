using DistSys.Host.Api.Security;
using DistSys.Transport.Security;

namespace DistSys.Host.Hosting.Settings;

internal static partial class NodeSettingsLoader
{
    /// <summary>
    /// cookie and cookie_file are one setting: the first layer that gives either wins, so
    /// <c>--cookie-file</c> beats <c>DISTSYS_COOKIE</c>. With neither, Transport's
    /// <see cref="CookieSource"/> reads (or creates, mode 0600) <c>~/.distsys.cookie</c>.
    /// </summary>
    private static ClusterCookie ReadCookie(IReadOnlyList<SettingLayer> layers, IReadOnlyDictionary<string, string> environment, string homeDirectory)
    {
        if (FindSecret(layers, SettingNames.Cookie, SettingNames.CookieFile) is var (text, isFile, source))
        {
            return isFile
                ? CookieFromText(ReadSecretFile(text, SettingNames.CookieFile, source, ClusterCookie.MaxBytes), CookieOrigin.File, SettingNames.CookieFile, text, source)
                : CookieFromText(text, CookieOrigin.Config, SettingNames.Cookie, "<hidden>", source);
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

    /// <summary>
    /// The API token by the cookie's rules: api_token and api_token_file are one setting (first layer wins),
    /// else <see cref="ApiTokenSource"/> reads (or creates, mode 0600, 256 random bits) <c>~/.distsys.token</c>.
    /// </summary>
    private static ApiToken ReadApiToken(IReadOnlyList<SettingLayer> layers, IReadOnlyDictionary<string, string> environment, string homeDirectory)
    {
        if (FindSecret(layers, SettingNames.ApiToken, SettingNames.ApiTokenFile) is var (text, isFile, source))
        {
            var key = isFile ? SettingNames.ApiTokenFile : SettingNames.ApiToken;
            var value = isFile ? ReadSecretFile(text, key, source, ApiToken.MaxLength) : text;
            try
            {
                return ApiToken.FromText(value, isFile ? $"{source} ({text})" : source);
            }
            catch (ArgumentException)
            {
                return Invalid<ApiToken>(key, isFile ? text : "<hidden>", source, ApiToken.Expected);
            }
        }

        try
        {
            return new ApiTokenSource(name => environment.GetValueOrDefault(name), homeDirectory).ForNode();
        }
        catch (SecretFileException ex)
        {
            return Fail<ApiToken>($"invalid API token file: {ex.Message}");
        }
    }

    /// <summary>The first layer giving the secret's value or its file: the text, whether it is a path, and where it came from.</summary>
    private static (string Text, bool IsFile, string Source)? FindSecret(IReadOnlyList<SettingLayer> layers, string valueKey, string fileKey)
    {
        foreach (var layer in layers)
        {
            if (layer.Values[valueKey] is { } text)
            {
                return (text, false, layer.Describe(valueKey));
            }

            if (layer.Values[fileKey] is { } path)
            {
                return (path, true, layer.Describe(fileKey));
            }
        }

        return null;
    }

    private static string ReadSecretFile(string path, string key, string source, int maxBytes)
    {
        try
        {
            return SecretFile.Read(path, maxBytes);
        }
        catch (SecretFileException ex)
        {
            return Fail<string>($"invalid {key} '{path}' (from {source}): {ex.Message}");
        }
    }

    // The value of a cookie is never echoed in an error: it would land in logs and shell history.
    private static ClusterCookie CookieFromText(string text, CookieOrigin origin, string key, string shown, string source)
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
