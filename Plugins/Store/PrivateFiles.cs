namespace DistSys.Plugins.Store;

/// <summary>
/// Directories (0700) and files (0600) only the node's user may touch: the store, instance directories.
/// Inside an unpacked package (<c>insidePackage</c>) directories are 0755 and files 0644/0755,
/// so that a plugin running as nobody (root node) can read its own package: the package directory sits in
/// the store's 0700 <c>packages</c> directory, which nobody but the node can traverse; the sandbox reaches it
/// only through the bind an outer, root bubblewrap makes into its private mount namespace (docs/plugins.md, "Sandbox").
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode ReadableByOthers = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ExecutableByOthers = UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (and its missing parents) and makes it 0700 (0755 inside a package).</summary>
    public static string CreateDirectory(string path, bool insidePackage = false)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path).FullName;
        }

        var mode = DirectoryMode | (insidePackage ? ReadableByOthers | ExecutableByOthers : 0);
        var created = Directory.CreateDirectory(path, mode).FullName;
        File.SetUnixFileMode(created, mode);
        return created;
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> as a new 0600 (or 0700 when <paramref name="executable"/>) file, 0644/0755 inside a package.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> bytes, bool executable = false, bool insidePackage = false)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | (executable ? UnixFileMode.UserExecute : 0)
                | (insidePackage ? ReadableByOthers | (executable ? ExecutableByOthers : 0) : 0);
        }

        using var file = new FileStream(path, options);
        file.Write(bytes);
        if (insidePackage && !OperatingSystem.IsWindows())
        {
            // The create mode passes through the node's umask; nobody must read the package whatever it is.
            File.SetUnixFileMode(file.SafeFileHandle, options.UnixCreateMode!.Value);
        }
    }
}
