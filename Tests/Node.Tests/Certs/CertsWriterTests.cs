using System.Security.Cryptography.X509Certificates;
using DistSys.Host.Certs;
using DistSys.Host.Cli;
using DistSys.Transport.Security;
using DistSys.Host;

namespace DistSys.Node.Tests.Certs;

[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CertsWriterTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("distsys-certs-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Run_TwoNodes_WritesCaAndNodeFilesKeys0600AndChainsValidate()
    {
        var command = (CertsCommand)CommandLine.Parse(["certs", _dir, "--nodes", "master,worker1", "--days", "2"]);

        Assert.That(CertsWriter.Run(command, TextWriter.Null, TextWriter.Null), Is.EqualTo(ExitCodes.Ok));

        foreach (var key in new[] { "ca.key", "master.key", "worker1.key" })
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(_dir, key)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), key);
        }

        using var master = ClusterTls.Load(Path.Combine(_dir, "master.pem"), Path.Combine(_dir, "master.key"), Path.Combine(_dir, "ca.pem"));
        using var worker = X509Certificate2.CreateFromPemFile(Path.Combine(_dir, "worker1.pem"), Path.Combine(_dir, "worker1.key"));
        Assert.That(master.IsTrusted(worker), Is.True);
        Assert.That(master.IsTrusted(master.Certificate), Is.True);
        Assert.That(worker.NotAfter, Is.LessThan(DateTime.Now.AddDays(3)));
    }

    [TestCase("certs")]
    [TestCase("certs", "DIR")]
    [TestCase("certs", "DIR", "--nodes", "bad name")]
    [TestCase("certs", "DIR", "--nodes", "a", "--days", "0")]
    [TestCase("certs", "DIR", "--nodes", "a", "--bogus")]
    public void Parse_BadArguments_UsageError(params string[] args) =>
        Assert.That(CommandLine.Parse(args), Is.TypeOf<UsageError>());
}
