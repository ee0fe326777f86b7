using System.Runtime.Versioning;
using DistSys.Host.Cli;
using DistSys.Host.Hosting.Settings;
using Microsoft.Extensions.Logging;
using DistSys.Runtime.Distribution;
using DistSys.Host;

namespace DistSys.Node.Tests.Hosting.Settings;

[UnsupportedOSPlatform("windows")]
public sealed partial class NodeSettingsLoaderTests
{
    private string _dir = "";
    private Dictionary<string, string> _env = [];

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("distsys-settings-").FullName;
        // Every test names its data dir and cookie unless it is about them: nothing lands in the working directory or ~.
        _env = new Dictionary<string, string> { ["DISTSYS_DATA_DIR"] = Path.Combine(_dir, "data"), ["DISTSYS_COOKIE"] = "env-cookie" };
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Load_NothingSet_UsesDefaults()
    {
        var settings = Load(NodeOptionArgs.None);

        Assert.Multiple(() =>
        {
            Assert.That(settings.LogLevel, Is.EqualTo(LogLevel.Information));
            Assert.That(settings.HeartbeatInterval, Is.Null);
            Assert.That(settings.FailureTimeout, Is.Null);
            Assert.That(settings.Diagnostics, Is.False);
            Assert.That(settings.ConfigFile, Is.Null);
            Assert.That(Directory.Exists(settings.DataDirectory), Is.True);
        });
    }

    [Test]
    public void Load_SameSettingInEveryLayer_CommandLineBeatsEnvironmentBeatsFile()
    {
        var file = WriteConfig("""{ "log_level": "error", "heartbeat_interval": "300ms", "failure_timeout": "3s" }""");
        _env["DISTSYS_LOG_LEVEL"] = "warning";
        _env["DISTSYS_HEARTBEAT_INTERVAL"] = "150ms";

        var settings = Load(new NodeOptionArgs { ConfigFile = file, LogLevel = "debug" });

        Assert.Multiple(() =>
        {
            Assert.That(settings.LogLevel, Is.EqualTo(LogLevel.Debug), "CLI over env and file");
            Assert.That(settings.HeartbeatInterval, Is.EqualTo(TimeSpan.FromMilliseconds(150)), "env over file");
            Assert.That(settings.FailureTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)), "file over default");
            Assert.That(settings.ConfigFile, Is.EqualTo(file));
        });
    }

    [Test]
    public void Load_ConfigFileFromEnvironment_IsRead()
    {
        _env["DISTSYS_CONFIG"] = WriteConfig("""{ "log_level": "critical" }""");

        Assert.That(Load(NodeOptionArgs.None).LogLevel, Is.EqualTo(LogLevel.Critical));
    }

    [Test]
    public void Load_ServiceSectionsInFileAndEnvironment_ReachTheMergedConfiguration()
    {
        var file = WriteConfig("""{ "jobs": { "max_tasks": 4, "store": "jobs.db" } }""");
        _env["DISTSYS_JOBS__MAX_TASKS"] = "8";

        var configuration = Load(new NodeOptionArgs { ConfigFile = file }).Configuration;

        Assert.That(configuration["jobs:max_tasks"], Is.EqualTo("8"));
        Assert.That(configuration["jobs:store"], Is.EqualTo("jobs.db"));
    }

    [TestCase("--log-level", "loud", "invalid log_level 'loud' (from --log-level)")]
    [TestCase("--heartbeat-interval", "soon", "invalid heartbeat_interval 'soon' (from --heartbeat-interval)")]
    [TestCase("--heartbeat-interval", "5ms", "invalid heartbeat_interval '5ms'")]
    [TestCase("--failure-timeout", "0", "invalid failure_timeout '0' (from --failure-timeout)")]
    [TestCase("--cookie", "   ", "invalid cookie '<hidden>' (from --cookie)")]
    public void Load_BadCommandLineValue_NamesSettingValueAndSource(string flag, string value, string expected)
    {
        var options = flag switch
        {
            "--log-level" => new NodeOptionArgs { LogLevel = value },
            "--heartbeat-interval" => new NodeOptionArgs { HeartbeatInterval = value },
            "--failure-timeout" => new NodeOptionArgs { FailureTimeout = value },
            _ => new NodeOptionArgs { Cookie = value },
        };

        var error = Assert.Throws<SettingException>(() => Load(options));

        Assert.That(error!.Message, Does.StartWith(expected));
    }

    [Test]
    public void Load_BadEnvironmentValue_NamesTheVariable()
    {
        _env["DISTSYS_FAILURE_TIMEOUT"] = "forever";

        var error = Assert.Throws<SettingException>(() => Load(NodeOptionArgs.None));

        Assert.That(error!.Message, Does.StartWith("invalid failure_timeout 'forever' (from DISTSYS_FAILURE_TIMEOUT)"));
    }

    [Test]
    public void Load_BadFileValue_NamesTheFile()
    {
        var file = WriteConfig("""{ "log_level": "chatty" }""");

        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { ConfigFile = file }));

        Assert.That(error!.Message, Does.StartWith($"invalid log_level 'chatty' (from log_level in {file})"));
    }

    [Test]
    public void Load_FailureTimeoutNotAboveHeartbeat_IsRefused()
    {
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { HeartbeatInterval = "500ms", FailureTimeout = "500ms" }));

        Assert.That(error!.Message, Does.Contain("failure_timeout").And.Contain("longer than heartbeat_interval"));
    }

    [TestCase("""{ "log_levle": "info" }""", "unknown setting 'log_levle'")]
    [TestCase("""{ "log_level": """, "cannot be read as JSON")]
    [TestCase("""[1, 2]""", "cannot be read as JSON")]
    public void Load_BadConfigFile_SaysWhatIsWrong(string json, string expected)
    {
        var file = WriteConfig(json);

        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { ConfigFile = file }));

        Assert.That(error!.Message, Does.Contain(expected).And.Contain(file));
    }

    [Test]
    public void Load_MissingConfigFile_NamesItAndItsSource()
    {
        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { ConfigFile = "/nonexistent/node.json" }));

        Assert.That(error!.Message, Is.EqualTo("config file '/nonexistent/node.json' (from --config) does not exist"));
    }

    [Test]
    public void Load_OversizedConfigFile_IsRefusedBeforeParsing()
    {
        var file = Path.Combine(_dir, "big.json");
        File.WriteAllText(file, "{\"x\":\"" + new string('a', NodeSettingsLoader.MaxConfigFileBytes) + "\"}");

        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { ConfigFile = file }));

        Assert.That(error!.Message, Does.Contain("larger than"));
    }

    [Test]
    public void Load_DataDirThatCannotBeCreated_NamesIt()
    {
        var blocker = Path.Combine(_dir, "file");
        File.WriteAllText(blocker, "not a directory");

        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { DataDir = Path.Combine(blocker, "sub") }));

        Assert.That(error!.Message, Does.StartWith($"invalid data_dir '{Path.Combine(blocker, "sub")}' (from --data-dir)"));
    }

    [Test]
    public void Load_DataDir_IsCreatedAndAbsolute()
    {
        var settings = Load(new NodeOptionArgs { DataDir = Path.Combine(_dir, "a", "b") });

        Assert.That(settings.DataDirectory, Is.EqualTo(Path.Combine(_dir, "a", "b")));
        Assert.That(Directory.Exists(settings.DataDirectory), Is.True);
    }

    [Test]
    public void Load_DataDirAndDefaultInputDir_OnlyTheNodesUserMayEnter()
    {
        var existing = Directory.CreateDirectory(Path.Combine(_dir, "old"));
        existing.UnixFileMode |= UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

        var settings = Load(new NodeOptionArgs { DataDir = existing.FullName });

        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.That(File.GetUnixFileMode(settings.DataDirectory), Is.EqualTo(owner), "an existing data dir is tightened");
        Assert.That(settings.InputDirectory, Is.EqualTo(Path.Combine(settings.DataDirectory, "inputs")));
        Assert.That(File.GetUnixFileMode(settings.InputDirectory), Is.EqualTo(owner));
    }

    [TestCase(UnixFileMode.OtherWrite)]
    [TestCase(UnixFileMode.StickyBit)]
    public void Load_SharedDataDir_RefusedAndLeftAsItWas(UnixFileMode shared)
    {
        var tmp = Directory.CreateDirectory(Path.Combine(_dir, "tmp"));
        var mode = tmp.UnixFileMode | shared | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        tmp.UnixFileMode = mode;

        var error = Assert.Throws<SettingException>(() => Load(new NodeOptionArgs { DataDir = tmp.FullName }));

        Assert.That(error!.Message, Does.StartWith($"invalid data_dir '{tmp.FullName}' (from --data-dir)").And.Contain("shared"));
        Assert.That(File.GetUnixFileMode(tmp.FullName), Is.EqualTo(mode), "a shared directory such as /tmp is never chmod-ed");
        Assert.That(Directory.Exists(Path.Combine(tmp.FullName, "inputs")), Is.False);
    }

    [Test]
    public void Load_InputDirGiven_CreatedButAnExistingOneKeepsItsMode()
    {
        var shared = Directory.CreateDirectory(Path.Combine(_dir, "corpus"));
        shared.UnixFileMode |= UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        _env["DISTSYS_INPUT_DIR"] = shared.FullName;

        var fromEnv = Load(NodeOptionArgs.None);
        var fromCli = Load(new NodeOptionArgs { InputDir = Path.Combine(_dir, "new", "inputs") });

        Assert.That(fromEnv.InputDirectory, Is.EqualTo(shared.FullName));
        Assert.That(File.GetUnixFileMode(shared.FullName) & UnixFileMode.OtherRead, Is.EqualTo(UnixFileMode.OtherRead));
        Assert.That(Directory.Exists(fromCli.InputDirectory), Is.True, "the command line wins over the environment");
        Assert.That(fromCli.InputDirectory, Is.EqualTo(Path.Combine(_dir, "new", "inputs")));
    }

    [Test]
    public void Load_PluginSettings_FromTheirLayersWithSafeDefaults()
    {
        Assert.That(Load(NodeOptionArgs.None).PluginSandbox, Is.EqualTo(DistSys.Plugins.PluginSandbox.Default), "bubblewrap required by default");
        _env["DISTSYS_BWRAP_PATH"] = "/opt/bwrap";

        var settings = Load(new NodeOptionArgs { UnsafePluginSandbox = "true", PluginDir = Path.Combine(_dir, "p") });

        Assert.That(settings.PluginSandbox, Is.EqualTo(new DistSys.Plugins.PluginSandbox { BwrapPath = "/opt/bwrap", Unsafe = true }));
        Assert.That(settings.PluginDirectory, Is.EqualTo(Path.Combine(_dir, "p")));
    }

    private NodeSettings Load(NodeOptionArgs options) =>
        NodeSettingsLoader.Load(new NodeCommand(NodeRole.Master, "master", new Endpoint("127.0.0.1", 8080), null) { Options = options }, _env, _dir);

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_dir, $"node-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
