namespace DistSys.Plugins.Store;

/// <summary>Directories (0700) and files (0600) only the node's user may touch: the store, instance directories.</summary>
internal static class PrivateFiles
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and its missing parents) and makes it 0700.</summary>
    public static string CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path).FullName;
        }

        var created = Directory.CreateDirectory(path, DirectoryMode).FullName;
        File.SetUnixFileMode(created, DirectoryMode);
        return created;
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> as a new 0600 (or 0700 when <paramref name="executable"/>) file.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> bytes, bool executable = false)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | (executable ? UnixFileMode.UserExecute : 0);
        }

        using var file = new FileStream(path, options);
        file.Write(bytes);
    }
}
