using System.Runtime.Versioning;
using DistSys.Host.Api.Security;
using DistSys.Host.Cli;
using DistSys.Node.Tests.Api.Support;
using DistSys.Host;

namespace DistSys.Node.Tests.Cli;

/// <summary>The client finds the API token as a node does, --token overrides, and a refusal is one line that never shows the token.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class ClientTokenTests : ApiServerTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private string _home = "";

    [SetUp]
    public void SetUp() => _home = Directory.CreateTempSubdirectory("distsys-client-home-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_home, recursive: true);

    [Test]
    public async Task NoTokenOption_FindsTheHomeTokenFile()
    {
        WriteHomeToken(ApiServer.TokenText, Private);

        var (exit, output, error) = await RunAsync([]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.Contain("worker"));
    }

    [Test]
    public async Task TokenInEnvironment_BeatsTheHomeFile()
    {
        WriteHomeToken("a-wrong-token-in-the-home", Private);

        var (exit, _, error) = await RunAsync([], new Dictionary<string, string> { [ApiTokenSource.EnvironmentVariable] = ApiServer.TokenText });

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
    }

    [Test]
    public async Task TokenOption_OverridesAWrongHomeFile()
    {
        WriteHomeToken("a-wrong-token-in-the-home", Private);

        var (exit, _, error) = await RunAsync(["--token", ApiServer.TokenText]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
    }

    [Test]
    public async Task TokenFileOption_OverridesTheEnvironment()
    {
        var file = Path.Combine(_home, "token");
        File.WriteAllText(file, ApiServer.TokenText);
        File.SetUnixFileMode(file, Private);

        var (exit, _, error) = await RunAsync(["--token-file", file], new Dictionary<string, string> { [ApiTokenSource.EnvironmentVariable] = "env-token-is-wrong-0" });

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
    }

    [Test]
    public async Task WrongToken_OneLineSayingWhereItLooks_Exit1()
    {
        var (exit, _, error) = await RunAsync(["--token", "a-wrong-token-0123456789"]);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.StartWith("distributed_system: unauthorized:").And.Contain("--token").And.Contain("~/.distsys.token"));
            Assert.That(error, Does.Not.Contain("a-wrong-token"));
        });
    }

    [Test]
    public async Task NoTokenAnywhere_OneLine_Exit1()
    {
        var (exit, _, error) = await RunAsync([]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.One.Contains("none was found"));
    }

    [Test]
    public async Task GroupReadableHomeTokenFile_RefusedWithoutUsingIt_Exit2()
    {
        WriteHomeToken(ApiServer.TokenText, Private | UnixFileMode.GroupRead);

        var (exit, _, error) = await RunAsync([]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("chmod 600").And.Not.Contain(ApiServer.TokenText));
    }

    [TestCase("--token")]
    [TestCase("--token", "a-token-0123456789abc", "--token-file", "/f")]
    public void Parse_BadTokenOptions_UsageError(params string[] options) =>
        Assert.That(CommandLine.Parse(["client", "127.0.0.1:8080", "list", .. options]), Is.InstanceOf<ClientUsageError>());

    [Test]
    public void Parse_TokenBeforeTheVerb_Taken() =>
        Assert.That(((ClientCommand)CommandLine.Parse(["client", "127.0.0.1:8080", "--token=abc", "list"])).Tokens, Is.EqualTo(new TokenArgs("abc", null)));

    private async Task<(int Exit, string Out, string Err)> RunAsync(string[] options, Dictionary<string, string>? environment = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var source = new ApiTokenSource(name => environment?.GetValueOrDefault(name), _home);
        var exit = await ClientRunner.RunAsync(CommandLine.Parse(["client", Server.HostPort, "workers", .. options]), stdout, stderr, interactive: false, source);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private void WriteHomeToken(string text, UnixFileMode mode)
    {
        var path = Path.Combine(_home, ApiTokenSource.FileName);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
    }
}
