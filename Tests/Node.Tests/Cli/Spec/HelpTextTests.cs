using DistSys.Host.Cli;
using DistSys.Host.Cli.Spec;

namespace DistSys.Node.Tests.Cli.Spec;

/// <summary>Every command's help, drawn from the catalog: its usage, each option it takes, its examples; and the ways to ask for it.</summary>
public sealed class HelpTextTests
{
    private static IEnumerable<string> Paths() => CommandCatalog.All().Select(c => c.Path);

    [TestCaseSource(nameof(Paths))]
    public void For_EveryCommand_ListsItsUsageEachOptionAndEachExample(string path)
    {
        var spec = CommandCatalog.Find(path.Split(' '))!;

        var help = HelpText.For(spec);

        Assert.Multiple(() =>
        {
            foreach (var usage in spec.Usage)
            {
                Assert.That(help, Does.Contain($"distributed_system {usage}"));
            }

            foreach (var option in spec.Options)
            {
                Assert.That(help, Does.Contain($"  {option.Label} "), $"{path} --help lists {option.Label}");
            }

            foreach (var example in spec.Examples)
            {
                Assert.That(help, Does.Contain(example));
            }

            Assert.That(help, Does.Contain("--help"));
        });
    }

    [Test]
    public void Usage_ListsEveryCommandsUsageLineAndEveryNodeOption()
    {
        Assert.Multiple(() =>
        {
            foreach (var usage in CommandCatalog.Root.Subcommands.SelectMany(c => c.Usage))
            {
                Assert.That(HelpText.Usage, Does.Contain($"distributed_system {usage}"));
            }

            foreach (var option in NodeSpecs.Options)
            {
                Assert.That(HelpText.Usage, Does.Contain($"  {option.Label} "));
            }

            Assert.That(HelpText.Usage, Does.Contain("master HOST PORT").And.Contain("NAME HOST PORT MASTER_HOST MASTER_PORT"));
        });
    }

    [Test]
    public void ClientUsage_ListsEveryVerbsUsageLine()
    {
        foreach (var verb in ClientSpecs.Client.Subcommands)
        {
            Assert.That(ClientCommandLine.Usage, Does.Contain($"distributed_system {verb.Usage[0]}"));
        }
    }

    [TestCaseSource(nameof(Paths))]
    public void Parse_HelpFlagAfterTheCommand_IsThatCommandsHelp(string path)
    {
        var spec = CommandCatalog.Find(path.Split(' '))!;
        string[] words = path == "worker" ? ["worker1"] : path.Split(' ');

        Assert.Multiple(() =>
        {
            Assert.That(CommandLine.Parse([.. words, "--help"]), Is.EqualTo(new HelpCommand(spec)));
            Assert.That(CommandLine.Parse([.. words, "-h"]), Is.EqualTo(new HelpCommand(spec)));
            Assert.That(CommandLine.Parse(["help", .. path.Split(' ')]), Is.EqualTo(new HelpCommand(spec)));
        });
    }

    [TestCase(new[] { "client", "127.0.0.1:8080", "submit", "batch", "x", "--help" }, "client submit")]
    [TestCase(new[] { "client", "--token", "t", "127.0.0.1:8080", "wait", "--help" }, "client wait")]
    [TestCase(new[] { "plugin", "127.0.0.1:8080", "deploy", "--help" }, "plugin deploy")]
    [TestCase(new[] { "plugin", "--help", "stop" }, "plugin stop")]
    [TestCase(new[] { "master", "127.0.0.1", "8080", "--cookie", "c", "--help" }, "master")]
    [TestCase(new[] { "--log-level", "debug", "worker1", "--help" }, "worker")]
    [TestCase(new[] { "--log-level", "debug", "master", "--help" }, "master")]
    [TestCase(new[] { "--help" }, "")]
    [TestCase(new[] { "-h" }, "")]
    [TestCase(new[] { "help" }, "")]
    public void Parse_HelpAmongTheWords_NamesTheCommandItStandsIn(string[] args, string path)
    {
        var expected = CommandCatalog.Find(path.Length == 0 ? [] : path.Split(' '))!;

        Assert.That(CommandLine.Parse(args), Is.EqualTo(new HelpCommand(expected)));
    }

    [Test]
    public void Parse_HelpAsAnOptionsValue_IsTheValueNotHelp()
    {
        var command = CommandLine.Parse(["master", "127.0.0.1", "8080", "--cookie", "-h"]) as NodeCommand;

        Assert.That(command?.Options.Cookie, Is.EqualTo("-h"));
    }

    [TestCase("bogus")]
    [TestCase("client frob")]
    public void Parse_HelpForNoCommand_UsageErrorNamingIt(string path)
    {
        var error = CommandLine.Parse(["help", .. path.Split(' ')]) as UsageError;

        Assert.That(error?.Message, Is.EqualTo($"help: unknown command '{path}'"));
    }

    [TestCase]
    [TestCase("zsh")]
    [TestCase("bash", "extra")]
    public void Parse_CompletionForAnotherShell_UsageError(params string[] rest)
    {
        var error = CommandLine.Parse(["completion", .. rest]) as UsageError;

        Assert.That(error?.Message, Does.StartWith("completion takes bash"));
    }
}
