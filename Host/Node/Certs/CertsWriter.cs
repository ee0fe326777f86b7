using DistSys.Host.Cli;
using DistSys.Transport.Security;

namespace DistSys.Host.Certs;

/// <summary>
/// Writes <c>ca.pem</c>, <c>ca.key</c> and <c>NAME.pem</c>/<c>NAME.key</c> per node into the directory; keys are
/// created 0600 (never world-readable, not even for a moment), certificates 0644.
/// </summary>
internal static class CertsWriter
{
    public static int Run(CertsCommand command, TextWriter output, TextWriter error)
    {
        if (OperatingSystem.IsWindows())
        {
            error.WriteLine("distributed_system: certs: needs Unix file modes for its keys");
            return ExitCodes.Failure;
        }

        try
        {
            Directory.CreateDirectory(command.Directory);
            using var ca = ClusterCertificateAuthority.Create("distsys cluster CA", command.Days);
            Write(Path.Combine(command.Directory, "ca.pem"), ClusterCertificateAuthority.CertificatePem(ca.Certificate), secret: false);
            Write(Path.Combine(command.Directory, "ca.key"), ClusterCertificateAuthority.PrivateKeyPem(ca.Certificate), secret: true);
            foreach (var node in command.Nodes)
            {
                using var certificate = ca.Issue(node, command.Days);
                Write(Path.Combine(command.Directory, node + ".pem"), ClusterCertificateAuthority.CertificatePem(certificate), secret: false);
                Write(Path.Combine(command.Directory, node + ".key"), ClusterCertificateAuthority.PrivateKeyPem(certificate), secret: true);
            }

            output.WriteLine($"wrote ca.pem, ca.key and {command.Nodes.Count} node certificates to {Path.GetFullPath(command.Directory)}");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"distributed_system: certs: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Write(string path, string text, bool secret)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        // UnixCreateMode applies only to a new file: an old key left there keeps the mode it had, so set it.
        File.SetUnixFileMode(path, options.UnixCreateMode!.Value);
    }
}
