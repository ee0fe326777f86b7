namespace DistSys.Plugins;

/// <summary>
/// How plugin processes are isolated on this node (docs/plugins.md, "Sandbox"): under bubblewrap by
/// default; a node without bubblewrap refuses to start plugins unless <see cref="Unsafe"/> is set.
/// </summary>
public sealed record PluginSandbox
{
    /// <summary>bubblewrap at /usr/bin/bwrap, required.</summary>
    public static PluginSandbox Default { get; } = new();

    /// <summary>The bubblewrap executable. /usr/bin/bwrap.</summary>
    public string BwrapPath { get; init; } = "/usr/bin/bwrap";

    /// <summary>
    /// Run plugins with rlimits only (as the node's user, seeing what the node sees) when bubblewrap is
    /// missing, instead of refusing them. False.
    /// </summary>
    public bool Unsafe { get; init; }

    /// <summary>True when plugins run under bubblewrap; false when they run unsandboxed (allowed by <see cref="Unsafe"/>).</summary>
    /// <exception cref="PluginException">bubblewrap is missing and <see cref="Unsafe"/> is not set.</exception>
    public bool RequireBubblewrap()
    {
        if (File.Exists(BwrapPath))
        {
            return true;
        }

        return Unsafe
            ? false
            : throw new PluginException(PluginError.StartFailed, MissingMessage);
    }

    /// <summary>The one line a node says when bubblewrap is missing.</summary>
    public string MissingMessage => Unsafe
        ? $"bubblewrap not found at {BwrapPath}: plugins run WITHOUT a sandbox (--unsafe-plugin-sandbox)"
        : $"bubblewrap not found at {BwrapPath}: plugins are refused (install the bubblewrap package, or start the node with --unsafe-plugin-sandbox)";
}
