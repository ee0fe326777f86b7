namespace DistSys.Plugins.Store;

/// <summary>
/// The operator's plugin directory (<c>--plugin-dir</c>, created 0700): the only place on the node's disk
/// a deploy by path may name. A relative name resolves inside it; an absolute path is accepted only
/// inside it; the canonical path (every link resolved) must stay inside; only regular files.
/// </summary>
public sealed class PluginDirectory
{
    private readonly string _canonicalRoot;

    public PluginDirectory(string root)
    {
        Root = PrivateFiles.CreateDirectory(Path.GetFullPath(root));
        _canonicalRoot = FileChecks.Canonical(Root) ?? Root;
    }

    public string Root { get; }

    /// <summary>The canonical path of the program <paramref name="path"/> names.</summary>
    /// <exception cref="PluginException"><see cref="PluginError.InvalidArtifact"/>: outside the directory, missing, or not a regular file.</exception>
    public string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Root, path));
        if (!IsInside(full, Root))
        {
            Refuse(path, "is outside the plugin directory");
        }

        var canonical = FileChecks.Canonical(full);
        if (canonical is null)
        {
            Refuse(path, "does not exist in the plugin directory");
        }

        if (!IsInside(canonical, _canonicalRoot))
        {
            Refuse(path, "leads outside the plugin directory through a link");
        }

        if (!FileChecks.IsRegularFile(canonical))
        {
            Refuse(path, "is not a regular file");
        }

        return canonical;
    }

    private static bool IsInside(string path, string root) =>
        path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(string path, string why) =>
        throw new PluginException(PluginError.InvalidArtifact, $"plugin path '{path}' {why} (see --plugin-dir)");
}
