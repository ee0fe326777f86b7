using DistSys.Host.Cli;
using DistSys.Host.Cli.Spec;

namespace DistSys.Node.Tests.Cli.Spec;

/// <summary>
/// The catalog against the parsers: each command accepts exactly the options its help lists (probed with
/// every option any command names), and every example in the help parses.
/// </summary>
public sealed class CommandCatalogTests
{
    private static IEnumerable<string> RunnablePaths() => CommandCatalog.All().Where(c => c.Spec.Subcommands.Count == 0 && c.Spec != ToolSpecs.Help).Select(c => c.Path);

    [Test]
    public void Samples_CoverEveryRunnableCommand()
    {
        Assert.That(CommandSamples.Lines.Keys, Is.EquivalentTo(RunnablePaths()));
    }

    [TestCaseSource(nameof(RunnablePaths))]
    public void Parse_SampleLine_IsTheCommandNotAnError(string path)
    {
        Assert.That(CommandLine.Parse(CommandSamples.Lines[path]), Is.Not.InstanceOf<UsageError>().And.Not.InstanceOf<ClientUsageError>().And.Not.InstanceOf<HelpCommand>());
    }

    [TestCaseSource(nameof(RunnablePaths))]
    public void Parse_EveryOptionAnyCommandNames_AcceptsExactlyTheOnesItsHelpLists(string path)
    {
        var spec = CommandCatalog.Find(path.Split(' '))!;

        var accepted = CommandSamples.EveryOption
            .Where(option => Accepts(CommandLine.Parse(CommandSamples.With(path, option))))
            .Select(option => option.Name);

        Assert.That(accepted, Is.EquivalentTo(spec.Options.Select(o => o.Name)), $"the options `{path}` parses against the ones its help lists");
    }

    [Test]
    public void Catalog_ACommandsOptions_AreTakenByEachOfItsSubcommands()
    {
        foreach (var (path, spec) in CommandCatalog.All().Where(c => c.Spec.Subcommands.Count > 0 && c.Spec != ToolSpecs.Completion))
        {
            foreach (var sub in spec.Subcommands)
            {
                Assert.That(sub.Options.Select(o => o.Name), Is.SupersetOf(spec.Options.Select(o => o.Name)), $"{path} {sub.Name}");
            }
        }
    }

    public static IEnumerable<TestCaseData> Examples() =>
        CommandCatalog.All().SelectMany(c => c.Spec.Examples.Select(e => new TestCaseData(c.Path, e).SetArgDisplayNames(e.Length > 60 ? e[..60] : e)));

    [TestCaseSource(nameof(Examples))]
    public void Parse_EveryExampleInTheHelp_IsACommandNotAnError(string path, string example)
    {
        if (example.StartsWith("source ", StringComparison.Ordinal))
        {
            Assert.That(example, Does.Contain("distributed_system completion bash"));
            return;
        }

        var words = CommandSamples.ShellWords(example.Split('>')[0]);
        Assert.That(words[0], Is.EqualTo("distributed_system"));

        var command = CommandLine.Parse(words[1..]);

        Assert.That(Accepts(command) || command is HelpCommand, Is.True, $"{example} parses as {command}");
    }

    [Test]
    public void Parse_StartWithAnUnknownOption_TheMessageOfBeforeTheCatalogNamedTheOptions()
    {
        var error = CommandLine.Parse(["start", "--cookie", "x"]) as UsageError;

        Assert.That(error?.Message, Is.EqualTo("unknown option '--cookie' for start (it takes --workers N, --port P, --data-dir DIR)"));
    }

    private static bool Accepts(Command command) => command is not (UsageError or ClientUsageError or HelpCommand);
}
