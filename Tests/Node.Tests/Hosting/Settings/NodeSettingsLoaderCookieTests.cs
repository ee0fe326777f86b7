using DistSys.Host.Cli;
using DistSys.Host.Hosting.Settings;
using System.Runtime.Versioning;
using DistSys.Transport.Security;
using DistSys.Runtime.Distribution;
using DistSys.Host;

namespace DistSys.Node.Tests.Hosting.Settings;

[UnsupportedOSPlatform("windows")]
public sealed class NodeSettingsLoaderCookieTests
{
    private string _dir = "";
    private Dictionary<string, string> _env = [];

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("distsys-cookie-").FullName;
        _env = new Dictionary<string, string> { ["DISTSYS_DATA_DIR"] = Path.Combine(_dir, "data") };
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Load_CookieOnCommandLine_BeatsEnvironment()
    {
        _env["DISTSYS_COOKIE"] = "from-env";

        Assert.That(Load(new NodeOptionArgs { Cookie = "from-cli" }).Cookie.Origin, Is.EqualTo(CookieOrigin.Config));
    }

    [Test]
    public void Load_CookieFileOnCommandLine_BeatsCookieInEnvironment()
    {
        _env["DISTSYS_COOKIE"] = "from-env";

        var settings = Load(new NodeOptionArgs { CookieFile = WriteCookieFile("from-file", UnixFileMode.UserRead | UnixFileMode.UserWrite) });

        Assert.That(settings.Cookie.Origin, Is.EqualTo(CookieOrigin.File));
    }

    [Test]
    public void Load_CookieInEnvironment_IsUsed()
    {
        _env["DISTSYS_COOKIE"] = "from-env";

        Assert.That(Load(NodeOptionArgs.None).Cookie.Origin, Is.EqualTo(CookieOrigin.Config));
    }

    [Test]
    public void Load_NoCookieAnywhere_CreatesThePrivateCookieFileInHome()
    {
        var settings = Load(NodeOptionArgs.None);

        Assert.That(settings.Cookie.Origin, Is.EqualTo(CookieOrigin.CreatedFile));
        Assert.That(File.GetUnixFileMode(Path.Combine(_dir, CookieSource.FileName)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Load_CookieFileReadableByOthers_IsRefused()
    {
        var file = WriteCookieFile("shared", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { CookieFile = file }));

        Assert.That(error!.Message, Does.StartWith($"invalid cookie_file '{file}' (from --cookie-file)").And.Contain("chmod 600"));
    }

    [Test]
    public void Load_MissingCookieFile_NamesIt()
    {
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { CookieFile = "/nonexistent/cookie" }));

        Assert.That(error!.Message, Does.StartWith("invalid cookie_file '/nonexistent/cookie' (from --cookie-file)"));
    }

    [Test]
    public void Load_EmptyCookieFile_IsRefusedWithoutEchoingContent()
    {
        var file = WriteCookieFile("  \n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { CookieFile = file }));

        Assert.That(error!.Message, Does.StartWith($"invalid cookie_file '{file}'"));
    }

    [Test]
    public void Load_BadCookie_NeverEchoesTheValue()
    {
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { Cookie = new string('s', ClusterCookie.MaxBytes + 1) }));

        Assert.That(error!.Message, Does.Not.Contain("sss"));
    }

    private NodeSettings Load(NodeOptionArgs options) =>
        NodeSettingsLoader.Load(new NodeCommand(NodeRole.Worker, "w1", new Endpoint("127.0.0.1", 8081), new Endpoint("127.0.0.1", 8080)) { Options = options }, _env, _dir);

    private string WriteCookieFile(string text, UnixFileMode mode)
    {
        var path = Path.Combine(_dir, $"cookie-{Guid.NewGuid():N}");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
