using DistSys.Host.Cli;
using DistSys.Host;

namespace DistSys.Node.Tests.Cli;

public sealed class CommandLineOptionsTests
{
    [Test]
    public void Parse_OptionsAfterPositional_AreCollected()
    {
        var command = CommandLine.Parse(["master", "127.0.0.1", "8080", "--cookie", "s3cret", "--data-dir=/tmp/m"]) as NodeCommand;

        Assert.That(command?.Options, Is.EqualTo(new NodeOptionArgs { Cookie = "s3cret", DataDir = "/tmp/m" }));
        Assert.That(command?.Listen, Is.EqualTo(new Endpoint("127.0.0.1", 8080)));
    }

    [Test]
    public void Parse_OptionsBeforeAndBetweenPositional_AreCollected()
    {
        var command = CommandLine.Parse(
            ["--log-level", "debug", "worker1", "127.0.0.1", "--heartbeat-interval", "100ms", "8081", "127.0.0.1", "8080", "--failure-timeout=1s"]) as NodeCommand;

        Assert.Multiple(() =>
        {
            Assert.That(command?.Name, Is.EqualTo("worker1"));
            Assert.That(command?.Master, Is.EqualTo(new Endpoint("127.0.0.1", 8080)));
            Assert.That(command?.Options, Is.EqualTo(new NodeOptionArgs { LogLevel = "debug", HeartbeatInterval = "100ms", FailureTimeout = "1s" }));
        });
    }

    [Test]
    public void Parse_EveryOption_MapsToItsField()
    {
        var command = CommandLine.Parse(
        [
            "master", "h", "1", "--config", "c.json", "--cookie", "k", "--cookie-file", "f", "--data-dir", "d",
            "--input-dir", "i", "--log-level", "l", "--heartbeat-interval", "h", "--failure-timeout", "t",
        ]) as NodeCommand;

        Assert.That(command?.Options, Is.EqualTo(new NodeOptionArgs
        {
            ConfigFile = "c.json", Cookie = "k", CookieFile = "f", DataDir = "d", InputDir = "i", LogLevel = "l", HeartbeatInterval = "h", FailureTimeout = "t",
        }));
    }

    [Test]
    public void Parse_NoOptions_LeavesNone()
    {
        var command = CommandLine.Parse(["master", "127.0.0.1", "8080"]) as NodeCommand;

        Assert.That(command?.Options, Is.SameAs(NodeOptionArgs.None));
    }

    [TestCase(new[] { "master", "h", "1", "--colour", "red" }, "unknown option '--colour'")]
    [TestCase(new[] { "master", "h", "1", "--colour=red" }, "unknown option '--colour'")]
    [TestCase(new[] { "master", "h", "1", "--cookie" }, "option --cookie needs a value")]
    [TestCase(new[] { "master", "h", "1", "--cookie", "--data-dir", "d" }, "option --cookie needs a value")]
    [TestCase(new[] { "--cookie", "a", "master", "h", "1", "--cookie", "b" }, "option --cookie is given twice")]
    [TestCase(new[] { "--cookie", "a" }, "options alone start nothing")]
    public void Parse_BadOption_IsUsageErrorNamingIt(string[] args, string expected)
    {
        var error = CommandLine.Parse(args) as UsageError;

        Assert.That(error?.Message, Does.StartWith(expected));
    }

    [Test]
    public void Parse_OptionsDoNotChangePositionalArity_MasterWithExtraWordIsStillAnError()
    {
        Assert.That(CommandLine.Parse(["master", "127.0.0.1", "8080", "extra", "--cookie", "k"]), Is.TypeOf<UsageError>());
    }

    [Test]
    public void Parse_EmptyValueWithEquals_IsKeptForValidationToName()
    {
        var command = CommandLine.Parse(["master", "h", "1", "--data-dir="]) as NodeCommand;

        Assert.That(command?.Options.DataDir, Is.EqualTo(""));
    }

    [Test]
    public void Parse_UnsafePluginSandboxFlag_TakesNoValueAndLeavesThePositionalArguments()
    {
        var command = CommandLine.Parse(["master", "--unsafe-plugin-sandbox", "127.0.0.1", "8080", "--plugin-dir", "/srv/plugins", "--bwrap-path=/opt/bwrap"]) as NodeCommand;

        Assert.That(command?.Listen, Is.EqualTo(new Endpoint("127.0.0.1", 8080)));
        Assert.That(command?.Options, Is.EqualTo(new NodeOptionArgs { UnsafePluginSandbox = "true", PluginDir = "/srv/plugins", BwrapPath = "/opt/bwrap" }));
    }
}
