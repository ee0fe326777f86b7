using System.IO.Compression;
using System.Security.Cryptography;

namespace DistSys.Plugins.Store;

/// <summary>
/// The node's content-addressed plugin store (in its data dir): each package kept as
/// <c>ROOT/sha256/HEX.zip</c> and unpacked once into <c>ROOT/packages/HEX/</c> (directories 0700, files
/// 0600; 0700 for an executable). Every package is hostile input: its size, file count, unpacked bytes
/// (counted as written, not as declared) and names (relative, no <c>..</c>, no links) are checked.
/// Deploys, uploads and the master's distribution to workers all go through here, so a plugin only
/// ever runs from a package this node verified.
/// </summary>
public sealed class PluginStore
{
    /// <summary>The largest package accepted (upload, plugin directory, distribution): 64 MiB.</summary>
    public const long MaxArtifactBytes = 64L << 20;

    /// <summary>The most bytes one package may unpack to: 256 MiB.</summary>
    public const long MaxUnpackedBytes = 256L << 20;

    /// <summary>The most files one package may hold: 2,000.</summary>
    public const int MaxEntries = 2000;

    private readonly string _blobs;
    private readonly string _packages;
    private readonly Lock _gate = new();

    /// <param name="root">The store's directory (created 0700), e.g. <c>DATA_DIR/plugin-store</c>.</param>
    /// <param name="sandbox">How the plugins this store makes specs for run.</param>
    public PluginStore(string root, PluginSandbox? sandbox = null)
    {
        Root = PrivateFiles.CreateDirectory(Path.GetFullPath(root));
        _blobs = PrivateFiles.CreateDirectory(Path.Combine(Root, "sha256"));
        _packages = PrivateFiles.CreateDirectory(Path.Combine(Root, "packages"));
        Sandbox = sandbox ?? PluginSandbox.Default;
    }

    public string Root { get; }

    public PluginSandbox Sandbox { get; }

    /// <summary>Where instances get their working directories (null: the system temp directory).</summary>
    public string? WorkRoot { get; init; }

    /// <summary>The sha256 of <paramref name="bytes"/> in lower-case hex.</summary>
    public static string Sha256Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Stores and unpacks a package (idempotent: the same bytes are the same artifact).</summary>
    /// <exception cref="PluginException"><see cref="PluginError.InvalidArtifact"/>: not a valid package within the limits.</exception>
    public PluginArtifact Add(ReadOnlySpan<byte> package)
    {
        if (package.Length > MaxArtifactBytes)
        {
            Invalid($"the package is {package.Length} bytes, more than {MaxArtifactBytes}");
        }

        if (package.Length < 4 || package[0] != 'P' || package[1] != 'K' || package[2] != 3 || package[3] != 4)
        {
            Invalid("the package is not a zip archive (docs/plugins.md, \"Plugin store\")");
        }

        var sha = Sha256Of(package);
        lock (_gate)
        {
            if (TryGet(sha, out var known))
            {
                return known;
            }

            return Keep(sha, package);
        }
    }

    /// <summary>
    /// The artifact with this sha256 as read back from disk after a restart, treated as hostile: the kept package
    /// must be a regular file within <see cref="MaxArtifactBytes"/> whose bytes hash to its address, and it is
    /// unpacked again, so what runs is exactly the package that was verified (not whatever the directory holds now).
    /// </summary>
    /// <exception cref="PluginException"><see cref="PluginError.InvalidArtifact"/>: missing, too large, or its bytes do not match.</exception>
    public PluginArtifact Verify(string sha256)
    {
        if (!IsSha256(sha256))
        {
            Invalid("not a sha256");
        }

        var blob = new FileInfo(Path.Combine(_blobs, sha256 + ".zip"));
        if (!blob.Exists || blob.LinkTarget is not null || blob.Length > MaxArtifactBytes)
        {
            Invalid($"the store holds no package {sha256[..12]} (or it is a link, or larger than {MaxArtifactBytes} bytes)");
        }

        var package = File.ReadAllBytes(blob.FullName);
        if (package.LongLength > MaxArtifactBytes || Sha256Of(package) != sha256)
        {
            Invalid($"the stored package {sha256[..12]} does not match its sha256");
        }

        lock (_gate)
        {
            var unpacked = Path.Combine(_packages, sha256);
            if (Directory.Exists(unpacked))
            {
                Directory.Delete(unpacked, recursive: true);
            }

            return Keep(sha256, package);
        }
    }

    /// <summary>The artifact with this sha256, if the store holds it (unpacked).</summary>
    public bool TryGet(string sha256, out PluginArtifact artifact)
    {
        artifact = null!;
        if (!IsSha256(sha256))
        {
            return false;
        }

        var blob = new FileInfo(Path.Combine(_blobs, sha256 + ".zip"));
        var package = Path.Combine(_packages, sha256);
        if (!blob.Exists || !Directory.Exists(package))
        {
            return false;
        }

        artifact = new PluginArtifact(sha256, package, blob.Length);
        return true;
    }

    /// <summary>Unpacks <paramref name="package"/> into a staging directory, then keeps its bytes and moves the files into place (under the gate).</summary>
    private PluginArtifact Keep(string sha, ReadOnlySpan<byte> package)
    {
        var staging = PrivateFiles.CreateDirectory(Path.Combine(_packages, $".staging-{Guid.NewGuid():N}"), insidePackage: true);
        try
        {
            Unpack(package.ToArray(), staging);
            var blob = Path.Combine(_blobs, sha + ".zip");
            File.Delete(blob);
            PrivateFiles.WriteNew(blob, package);
            Directory.Move(staging, Path.Combine(_packages, sha));
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }

        return new PluginArtifact(sha, Path.Combine(_packages, sha), package.Length);
    }

    /// <summary>The package's bytes, as the master sends them to a worker.</summary>
    public byte[] Read(PluginArtifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return File.ReadAllBytes(Path.Combine(_blobs, artifact.Sha256 + ".zip"));
    }

    /// <summary>A spec that runs <paramref name="entry"/> of <paramref name="artifact"/> under this store's sandbox.</summary>
    /// <exception cref="PluginException"><see cref="PluginError.InvalidArtifact"/>: the entry is not a file of the package.</exception>
    public PluginSpec Spec(string name, string version, PluginArtifact artifact, string entry)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        CheckNames(name, version);
        if (!IsSafeName(entry) || entry.Contains('/', StringComparison.Ordinal))
        {
            Invalid($"entry '{entry}' is not a file name at the top of the package");
        }

        var program = Path.Combine(artifact.PackageDirectory, entry);
        if (!File.Exists(program) || new FileInfo(program).LinkTarget is not null)
        {
            Invalid($"the package {artifact.Sha256[..12]} holds no file '{entry}'");
        }

        return new PluginSpec(name, version, program) { Sandbox = Sandbox, WorkRoot = WorkRoot };
    }

    /// <summary>Checks a plugin's name and version (ASCII <c>[A-Za-z0-9._-]{1,64}</c>) before any work is done for them.</summary>
    /// <exception cref="ArgumentException">Either is not a valid name.</exception>
    public static void CheckNames(string name, string version)
    {
        Sdk.Protocol.PluginHello.ValidateName(name, nameof(name));
        Sdk.Protocol.PluginHello.ValidateName(version, nameof(version));
    }

    public static bool IsSha256(string text) => text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static void Unpack(byte[] package, string target)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                Invalid($"the package holds {zip.Entries.Count} entries, more than {MaxEntries}");
            }

            long budget = MaxUnpackedBytes;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                if (!IsSafeName(entry.FullName))
                {
                    Invalid($"the package names a file '{entry.FullName}' outside itself or with a bad name");
                }

                budget -= Extract(entry, Path.Combine(target, entry.FullName), budget);
            }
        }
        catch (InvalidDataException malformed)
        {
            Invalid($"the package is not a valid zip archive: {malformed.Message}");
        }
    }

    /// <summary>Writes one entry, counting the bytes actually inflated against what the budget has left.</summary>
    private static long Extract(ZipArchiveEntry entry, string path, long budget)
    {
        var directory = Path.GetDirectoryName(path)!;
        PrivateFiles.CreateDirectory(directory, insidePackage: true);
        using var source = entry.Open();
        using var content = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk)) > 0)
        {
            if (content.Length + read > budget)
            {
                Invalid($"the package unpacks to more than {MaxUnpackedBytes} bytes");
            }

            content.Write(chunk, 0, read);
        }

        var bytes = content.GetBuffer().AsSpan(0, (int)content.Length);
        var executable = bytes is [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] || bytes is [(byte)'#', (byte)'!', ..];
        PrivateFiles.WriteNew(path, bytes, executable, insidePackage: true);
        return bytes.Length;
    }

    /// <summary>A relative name of segments made of letters, digits and <c>._-+</c>, none of them <c>.</c> or <c>..</c>.</summary>
    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 255
        && name.Split('/').All(segment => segment.Length > 0 && segment is not "." and not ".."
            && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+'));

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Invalid(string detail) => throw new PluginException(PluginError.InvalidArtifact, detail);
}
