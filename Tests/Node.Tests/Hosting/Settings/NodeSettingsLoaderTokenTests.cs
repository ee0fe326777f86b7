using System.Runtime.Versioning;
using DistSys.Host.Api.Security;
using DistSys.Host.Cli;
using DistSys.Host.Hosting.Settings;
using DistSys.Host;

namespace DistSys.Node.Tests.Hosting.Settings;

/// <summary>The API token and the HTTP limits: the cookie's precedence and file rules, and every value checked.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class NodeSettingsLoaderTokenTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private string _dir = "";
    private Dictionary<string, string> _env = [];

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("distsys-token-").FullName;
        _env = new Dictionary<string, string> { ["DISTSYS_DATA_DIR"] = Path.Combine(_dir, "data"), ["DISTSYS_COOKIE"] = "c" };
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Load_NoTokenAnywhere_Creates0600FileWith256RandomBits()
    {
        var first = Load(NodeOptionArgs.None);
        var path = Path.Combine(_dir, ApiTokenSource.FileName);
        var text = File.ReadAllText(path);

        var second = Load(NodeOptionArgs.None);

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(Private));
            Assert.That(text, Does.Match("^[0-9a-f]{64}$"), "256 bits as hex");
            Assert.That(first.ApiToken.Matches(text), Is.True);
            Assert.That(first.ApiToken.Origin, Does.Contain("created"));
            Assert.That(second.ApiToken.Matches(text), Is.True, "the second start reads the same file");
            Assert.That(second.ApiToken.Origin, Does.Not.Contain("created"));
        });
    }

    [Test]
    public void Load_TokenInEnvironment_BeatsTheHomeFile()
    {
        _env["DISTSYS_API_TOKEN"] = "from-the-environment-01";

        var settings = Load(NodeOptionArgs.None);

        Assert.That(settings.ApiToken.Matches("from-the-environment-01"), Is.True);
        Assert.That(File.Exists(Path.Combine(_dir, ApiTokenSource.FileName)), Is.False);
    }

    [Test]
    public void Load_TokenFileOnCommandLine_BeatsEnvironment()
    {
        _env["DISTSYS_API_TOKEN"] = "from-the-environment-01";

        var settings = Load(new NodeOptionArgs { ApiTokenFile = Write("from-the-file-0123456\n", Private) });

        Assert.That(settings.ApiToken.Matches("from-the-file-0123456"), Is.True);
    }

    [Test]
    public void Load_TokenInConfigFile_Used()
    {
        var config = Write("""{"api_token":"from-the-config-file-1"}""", Private);

        Assert.That(Load(new NodeOptionArgs { ConfigFile = config }).ApiToken.Matches("from-the-config-file-1"), Is.True);
    }

    [Test]
    public void Load_GroupReadableTokenFile_RefusedNamingIt()
    {
        var file = Write("group-readable-token-01", Private | UnixFileMode.GroupRead);

        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { ApiTokenFile = file }));

        Assert.That(error!.Message, Does.StartWith($"invalid api_token_file '{file}' (from --api-token-file)").And.Contain("chmod 600").And.Not.Contain("group-readable-token"));
    }

    [Test]
    public void Load_GroupReadableHomeTokenFile_Refused()
    {
        File.WriteAllText(Path.Combine(_dir, ApiTokenSource.FileName), "home-token-0123456789");
        File.SetUnixFileMode(Path.Combine(_dir, ApiTokenSource.FileName), Private | UnixFileMode.GroupRead);

        var error = Assert.Throws<SettingException>(() => Load(NodeOptionArgs.None));

        Assert.That(error!.Message, Does.Contain(ApiTokenSource.FileName).And.Contain("chmod 600").And.Not.Contain("home-token"));
    }

    [TestCase("short")]
    [TestCase("a token with spaces in it")]
    public void Load_BadTokenInEnvironment_RefusedWithoutEchoingIt(string token)
    {
        _env["DISTSYS_API_TOKEN"] = token;

        var error = Assert.Throws<SettingException>(() => Load(NodeOptionArgs.None));

        Assert.That(error!.Message, Does.StartWith("invalid api_token '<hidden>' (from DISTSYS_API_TOKEN)").And.Not.Contain(token));
    }

    [Test]
    public void Load_Limits_DefaultsAndOptions()
    {
        var defaults = Load(NodeOptionArgs.None).ApiLimits;
        var given = Load(new NodeOptionArgs { ApiRateLimit = "0", MaxConnections = "10", AllowedHosts = "node.example, *.cluster.example,[::1]" }).ApiLimits;

        Assert.Multiple(() =>
        {
            Assert.That(defaults, Is.EqualTo(ApiLimits.Default));
            Assert.That(defaults.RateLimit, Is.EqualTo(200));
            Assert.That(given.RateLimit, Is.Zero);
            Assert.That(given.MaxConnections, Is.EqualTo(10));
            Assert.That(given.AllowedHosts, Is.EqualTo(new[] { "node.example", "*.cluster.example", "[::1]" }));
        });
    }

    [TestCase("ApiRateLimit", "-1", "invalid api_rate_limit '-1' (from --api-rate-limit)")]
    [TestCase("ApiRateLimit", "fast", "invalid api_rate_limit 'fast'")]
    [TestCase("MaxConnections", "0", "invalid max_connections '0'")]
    [TestCase("AllowedHosts", "good.example,bad host", "invalid allowed_hosts 'bad host'")]
    [TestCase("AllowedHosts", ",", "invalid allowed_hosts ','")]
    public void Load_BadLimit_NamesIt(string option, string value, string expected)
    {
        var options = option switch
        {
            "ApiRateLimit" => new NodeOptionArgs { ApiRateLimit = value },
            "MaxConnections" => new NodeOptionArgs { MaxConnections = value },
            _ => new NodeOptionArgs { AllowedHosts = value },
        };

        Assert.That(Assert.Throws<SettingException>(() => Load(options))!.Message, Does.StartWith(expected));
    }

    [Test]
    public void Parse_NewNodeOptions_Accepted()
    {
        var command = (NodeCommand)CommandLine.Parse(["master", "127.0.0.1", "8080", "--api-token-file", "/t", "--allowed-hosts=a,b", "--api-rate-limit", "5", "--max-connections", "9"]);

        Assert.That(command.Options, Is.EqualTo(new NodeOptionArgs { ApiTokenFile = "/t", AllowedHosts = "a,b", ApiRateLimit = "5", MaxConnections = "9" }));
    }

    private NodeSettings Load(NodeOptionArgs options) =>
        NodeSettingsLoader.Load(new NodeCommand(DistSys.Runtime.Distribution.NodeRole.Master, "master", new Endpoint("127.0.0.1", 8080), null) { Options = options }, _env, _dir);

    private string Write(string text, UnixFileMode mode)
    {
        var path = Path.Combine(_dir, $"file-{Guid.NewGuid():N}");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
