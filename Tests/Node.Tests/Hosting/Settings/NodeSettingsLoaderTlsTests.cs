using DistSys.Host.Certs;
using DistSys.Host.Cli;
using DistSys.Host.Hosting.Settings;
using DistSys.Runtime.Distribution;
using DistSys.Host;

namespace DistSys.Node.Tests.Hosting.Settings;

[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeSettingsLoaderTlsTests
{
    private string _dir = null!;
    private Dictionary<string, string> _env = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("distsys-tls-settings-").FullName;
        _env = new Dictionary<string, string> { ["DISTSYS_COOKIE"] = "tls-settings-cookie", ["DISTSYS_DATA_DIR"] = Path.Combine(_dir, "data") };
        CertsWriter.Run(new CertsCommand(_dir, ["w1"], 1), TextWriter.Null, TextWriter.Null);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Load_AllThreeFiles_LoadsTls()
    {
        _env["DISTSYS_TLS_CA"] = Path.Combine(_dir, "ca.pem");
        var settings = Load(new NodeOptionArgs { TlsCert = Path.Combine(_dir, "w1.pem"), TlsKey = Path.Combine(_dir, "w1.key") });

        Assert.That(settings.Tls, Is.Not.Null);
        Assert.That(settings.Tls!.Certificate.HasPrivateKey, Is.True);
    }

    [Test]
    public void Load_NoTlsSetting_PlainNode() => Assert.That(Load(NodeOptionArgs.None).Tls, Is.Null);

    [Test]
    public void Load_KeyMissing_NamesTheMissingSetting()
    {
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { TlsCert = Path.Combine(_dir, "w1.pem"), TlsCa = Path.Combine(_dir, "ca.pem") }));
        Assert.That(error!.Message, Does.StartWith("missing --tls-key"));
    }

    [Test]
    public void Load_KeyOfAnotherCertificate_Refused()
    {
        CertsWriter.Run(new CertsCommand(Path.Combine(_dir, "other"), ["w1"], 1), TextWriter.Null, TextWriter.Null);
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs
        {
            TlsCert = Path.Combine(_dir, "w1.pem"), TlsKey = Path.Combine(_dir, "other", "w1.key"), TlsCa = Path.Combine(_dir, "ca.pem"),
        }));
        Assert.That(error!.Message, Does.StartWith("invalid TLS files"));
    }

    private NodeSettings Load(NodeOptionArgs options) =>
        NodeSettingsLoader.Load(new NodeCommand(NodeRole.Worker, "w1", new Endpoint("127.0.0.1", 8081), new Endpoint("127.0.0.1", 8080)) { Options = options }, _env, _dir);
}
