using DistSys.Host.Cli;
using DistSys.Runtime.Distribution;
using DistSys.Host;

namespace DistSys.Node.Tests.Cli;

public sealed class CommandLineTests
{
    [Test]
    public void Parse_MasterUsageLine_ReturnsMasterNode()
    {
        var command = CommandLine.Parse(["master", "127.0.0.1", "8080"]);

        Assert.That(command, Is.EqualTo(new NodeCommand(NodeRole.Master, "master", new Endpoint("127.0.0.1", 8080), null)));
    }

    [Test]
    public void Parse_WorkerUsageLine_ReturnsWorkerWithMaster()
    {
        var command = CommandLine.Parse(["worker1", "127.0.0.1", "8081", "127.0.0.1", "8080"]);

        Assert.That(command, Is.EqualTo(new NodeCommand(
            NodeRole.Worker, "worker1", new Endpoint("127.0.0.1", 8081), new Endpoint("127.0.0.1", 8080))));
    }

    [TestCase("localhost")]
    [TestCase("node-1.cluster.local")]
    [TestCase("::1")]
    [TestCase("0.0.0.0")]
    public void Parse_ValidHost_IsAccepted(string host)
    {
        Assert.That(CommandLine.Parse(["master", host, "1"]), Is.TypeOf<NodeCommand>());
    }

    [TestCase("70000", "invalid host '70000'")]
    [TestCase("300.1.1.1", "invalid host '300.1.1.1'")]
    [TestCase("bad_host", "invalid host 'bad_host'")]
    [TestCase("-lead", "invalid host '-lead'")]
    [TestCase("", "invalid host ''")]
    public void Parse_InvalidHost_NamesTheValue(string host, string expected)
    {
        var error = CommandLine.Parse(["master", host, "8080"]) as UsageError;

        Assert.That(error?.Message, Does.StartWith(expected));
    }

    [TestCase("70000")]
    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("+80")]
    [TestCase(" 80")]
    [TestCase("99999999999999999999")]
    public void Parse_InvalidPort_NamesTheValue(string port)
    {
        var error = CommandLine.Parse(["master", "127.0.0.1", port]) as UsageError;

        Assert.That(error?.Message, Does.StartWith($"invalid port '{port}'"));
    }

    [Test]
    public void Parse_InvalidMasterPort_SaysItIsTheMasters()
    {
        var error = CommandLine.Parse(["w", "127.0.0.1", "8081", "127.0.0.1", "abc"]) as UsageError;

        Assert.That(error?.Message, Does.StartWith("invalid master port 'abc'"));
    }

    [TestCase("worker one")]
    [TestCase("wörker")]
    [TestCase("w/1")]
    public void Parse_InvalidName_IsRejected(string name)
    {
        var error = CommandLine.Parse([name, "127.0.0.1", "8081", "127.0.0.1", "8080"]) as UsageError;

        Assert.That(error?.Message, Does.StartWith($"invalid node name '{name}'"));
    }

    [Test]
    public void Parse_NameOfSixtyFiveCharacters_IsRejected()
    {
        Assert.That(CommandLine.Parse([new string('a', 65), "h", "1", "h", "2"]), Is.TypeOf<UsageError>());
        Assert.That(CommandLine.Parse([new string('a', 64), "h", "1", "h", "2"]), Is.TypeOf<NodeCommand>());
    }

    [TestCase]
    [TestCase("master")]
    [TestCase("master", "127.0.0.1")]
    [TestCase("master", "127.0.0.1", "8080", "extra")]
    [TestCase("worker1", "127.0.0.1", "8081")]
    [TestCase("--bogus")]
    public void Parse_WrongArity_IsUsageError(params string[] args)
    {
        Assert.That(CommandLine.Parse(args), Is.TypeOf<UsageError>());
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void Parse_Help_IsHelp(string flag)
    {
        Assert.That(CommandLine.Parse([flag]), Is.TypeOf<HelpCommand>());
    }
}
