namespace DistSys.Plugins.Store;

/// <summary>A plugin package in the store: the sha256 of its bytes (lower-case hex) and where it is unpacked.</summary>
/// <param name="Sha256">The content address.</param>
/// <param name="PackageDirectory">The unpacked files (0700 directories, 0600 files).</param>
/// <param name="Length">Bytes of the package (the zip).</param>
public sealed record PluginArtifact(string Sha256, string PackageDirectory, long Length);
