using DistSys.Host.Cli;

namespace DistSys.Node.Tests.Cli;

public sealed class StartCommandTests
{
    [Test]
    public void Parse_Start_HasTheDefaults()
    {
        Assert.That(CommandLine.Parse(["start"]), Is.EqualTo(new StartCommand(2, 8080, "data")));
    }

    [Test]
    public void Parse_StartWithOptions_TakesBothForms()
    {
        var command = CommandLine.Parse(["start", "--workers", "3", "--port=9000", "--data-dir", "/tmp/cluster"]);

        Assert.That(command, Is.EqualTo(new StartCommand(3, 9000, "/tmp/cluster")));
    }

    [Test]
    public void Parse_StartWithNoWorkers_IsAMasterAlone()
    {
        Assert.That(CommandLine.Parse(["start", "--workers", "0"]), Is.EqualTo(new StartCommand(0, 8080, "data")));
    }

    [TestCase(new[] { "start", "--workers", "-1" }, "invalid --workers '-1'")]
    [TestCase(new[] { "start", "--workers", "33" }, "invalid --workers '33'")]
    [TestCase(new[] { "start", "--workers", "two" }, "invalid --workers 'two'")]
    [TestCase(new[] { "start", "--port", "0" }, "invalid --port '0'")]
    [TestCase(new[] { "start", "--port", "65535" }, "invalid --port '65535': expected a whole number from 1 to 65533 (the workers take the next 2)")]
    [TestCase(new[] { "start", "--data-dir=" }, "invalid --data-dir ''")]
    [TestCase(new[] { "start", "--port" }, "option '--port' needs a value")]
    [TestCase(new[] { "start", "--port", "1", "--port", "2" }, "option '--port' given twice")]
    [TestCase(new[] { "start", "--cookie", "x" }, "unknown option '--cookie' for start")]
    [TestCase(new[] { "start", "master" }, "start takes no positional arguments ('master')")]
    public void Parse_BadStart_NamesTheProblem(string[] args, string expected)
    {
        var error = CommandLine.Parse(args) as UsageError;

        Assert.That(error?.Message, Does.StartWith(expected));
    }
}
