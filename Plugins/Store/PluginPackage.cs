using System.IO.Compression;

namespace DistSys.Plugins.Store;

/// <summary>
/// The one artifact format: a zip of the plugin's files, with an entry naming the program inside. A .dll
/// plugin is its whole build or publish folder (the .dll with its .deps.json, .runtimeconfig.json and
/// dependencies beside it, run by dotnet); any other file (a native or single-file executable) is packed
/// alone. Packing is deterministic (sorted names, fixed timestamps), so the same folder gives the same sha256.
/// </summary>
public static class PluginPackage
{
    private static readonly DateTimeOffset Epoch = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Packs the plugin whose program is <paramref name="program"/>; returns the zip and the entry (its file name).</summary>
    /// <exception cref="PluginException">The package would exceed <see cref="PluginStore.MaxArtifactBytes"/> or <see cref="PluginStore.MaxEntries"/> files.</exception>
    public static (byte[] Artifact, string Entry) Pack(string program)
    {
        var file = new FileInfo(program);
        var folder = file.Directory!;
        var files = file.Extension.Equals(".dll", StringComparison.OrdinalIgnoreCase)
            ? folder.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
                .Where(found => FileChecks.IsRegularFile(found.FullName))
                .Select(found => (found, name: Path.GetRelativePath(folder.FullName, found.FullName).Replace('\\', '/')))
                .OrderBy(pair => pair.name, StringComparer.Ordinal)
                .ToList()
            : [(file, file.Name)];
        if (files.Count > PluginStore.MaxEntries)
        {
            throw new PluginException(PluginError.InvalidArtifact, $"the plugin folder holds {files.Count} files, more than {PluginStore.MaxEntries}");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            long total = 0;
            foreach (var (found, name) in files)
            {
                total += found.Length;
                if (total > PluginStore.MaxArtifactBytes)
                {
                    throw new PluginException(PluginError.InvalidArtifact, $"the plugin's files exceed {PluginStore.MaxArtifactBytes} bytes");
                }

                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                entry.LastWriteTime = Epoch;
                using var source = found.OpenRead();
                using var target = entry.Open();
                source.CopyTo(target);
            }
        }

        if (buffer.Length > PluginStore.MaxArtifactBytes)
        {
            throw new PluginException(PluginError.InvalidArtifact, $"the plugin package exceeds {PluginStore.MaxArtifactBytes} bytes");
        }

        return (buffer.ToArray(), file.Name);
    }
}
