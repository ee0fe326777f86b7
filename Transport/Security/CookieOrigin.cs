namespace DistSys.Transport.Security;

/// <summary>Where a <see cref="ClusterCookie"/> was found, in the order <see cref="CookieSource"/> looks.</summary>
public enum CookieOrigin
{
    /// <summary>Given explicitly (configuration or command line).</summary>
    Config,

    /// <summary>The <c>DISTSYS_COOKIE</c> environment variable.</summary>
    Environment,

    /// <summary>An existing <c>~/.distsys.cookie</c> file.</summary>
    File,

    /// <summary>A <c>~/.distsys.cookie</c> file created just now with random content.</summary>
    CreatedFile,
}
