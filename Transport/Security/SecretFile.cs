using System.Runtime.Versioning;

namespace DistSys.Transport.Security;

/// <summary>
/// The one set of rules for a secret kept in a file (the cluster cookie, the API token): read only when
/// group and others have no access to it, bounded in size, never empty; created with mode 0600 from its
/// first byte. Messages name the file and the rule, never the content.
/// </summary>
public static class SecretFile
{
    private const UnixFileMode OthersMayTouch =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The file's text, surrounding whitespace trimmed.</summary>
    /// <exception cref="SecretFileException">Missing, accessible by others, larger than <paramref name="maxBytes"/>, empty or unreadable.</exception>
    public static string Read(string path, int maxBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new SecretFileException($"{path} does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            RefuseIfShared(path);
        }

        if (info.Length > maxBytes)
        {
            throw new SecretFileException($"{path} is larger than {maxBytes} bytes");
        }

        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecretFileException($"{path} cannot be read: {ex.Message}", ex);
        }

        return text.Length == 0 ? throw new SecretFileException($"{path} is empty") : text;
    }

    /// <summary>
    /// Reads the file, or creates it holding <paramref name="newSecret"/>() when absent. When another
    /// process creates it at the same moment, theirs is read: every node on a machine ends up with one secret.
    /// </summary>
    /// <exception cref="SecretFileException">As <see cref="Read"/>, or the file cannot be created.</exception>
    public static string ReadOrCreate(string path, int maxBytes, Func<string> newSecret, out bool created)
    {
        ArgumentNullException.ThrowIfNull(newSecret);
        created = false;
        if (File.Exists(path))
        {
            return Read(path, maxBytes);
        }

        var text = newSecret();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 atomically, never chmod-ed after the fact: no window where others can read it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(path))
        {
            return Read(path, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecretFileException($"{path} cannot be created: {ex.Message}", ex);
        }

        created = true;
        return text;
    }

    [UnsupportedOSPlatform("windows")]
    private static void RefuseIfShared(string path)
    {
        // A secret every local user can read authenticates nobody.
        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersMayTouch) != 0)
        {
            throw new SecretFileException($"{path} is accessible by group or others (mode {Convert.ToString((int)mode, 8)}); run chmod 600 on it");
        }
    }
}
