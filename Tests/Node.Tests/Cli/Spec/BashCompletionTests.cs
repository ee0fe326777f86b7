using System.Diagnostics;
using DistSys.Host.Cli.Spec;

namespace DistSys.Node.Tests.Cli.Spec;

/// <summary>
/// <c>completion bash</c> as a user gets it: printed by the executable, sourced in a real bash, its function
/// called with COMP_WORDS and COMP_CWORD set as bash sets them; every answer compared with the catalog.
/// </summary>
public sealed class BashCompletionTests
{
    private string _script = "";
    private string _directory = "";

    [OneTimeSetUp]
    public void PrintTheScript()
    {
        var result = HostProcess.Run(["completion", "bash"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.StdErr);
        _directory = Directory.CreateTempSubdirectory("distsys-completion-").FullName;
        _script = Path.Combine(_directory, "distributed_system.bash");
        File.WriteAllText(_script, result.StdOut);
    }

    [OneTimeTearDown]
    public void RemoveTheScript() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Script_IsTheCatalogsAndRegistersTheFunction()
    {
        Assert.That(File.ReadAllText(_script), Is.EqualTo(BashCompletion.Script).And.Contain($"complete -F {BashCompletion.Function} distributed_system"));
    }

    [Test]
    public void Complete_FirstWord_EveryCommandButTheWorkersName()
    {
        Assert.That(Complete(""), Is.EquivalentTo(CommandCatalog.Root.Subcommands.Where(c => c.IsWord).Select(c => c.Name)));
        Assert.That(Complete("cl"), Is.EqualTo(new[] { "client" }));
    }

    [TestCase("client 127.0.0.1:8080", "client")]
    [TestCase("client --token t 127.0.0.1:8080", "client")]
    [TestCase("plugin", "plugin")]
    [TestCase("plugin 127.0.0.1:8080", "plugin")]
    [TestCase("completion", "completion")]
    [TestCase("help client", "client")]
    public void Complete_AfterACommand_ItsSubcommands(string before, string command)
    {
        Assert.That(Complete([.. before.Split(' '), ""]), Is.EqualTo(CommandCatalog.Root.Subcommand(command)!.Subcommands.Select(s => s.Name)));
    }

    [Test]
    public void Complete_AfterHelp_TheCommandsToAskAbout()
    {
        Assert.That(Complete("help", "p"), Is.EqualTo(new[] { "plugin" }));
    }

    private static IEnumerable<string> Paths() => CommandCatalog.All().Select(c => c.Path);

    [TestCaseSource(nameof(Paths))]
    public void Complete_DashDashInEveryCommand_ExactlyItsOptionsAndHelp(string path)
    {
        var spec = CommandCatalog.Find(path.Split(' '))!;
        string[] words = path switch
        {
            "worker" => ["worker1", "127.0.0.1", "8081"],
            _ when path.StartsWith("client ", StringComparison.Ordinal) => ["client", "127.0.0.1:8080", path.Split(' ')[1]],
            _ => path.Split(' '),
        };

        Assert.That(Complete([.. words, "--"]), Is.EquivalentTo(spec.Options.Select(o => o.Name).Append("--help")));
    }

    [Test]
    public void Complete_DashDashBeforeAnyCommand_TheRootAndNodeOptions()
    {
        Assert.That(Complete("--"), Is.EquivalentTo(CommandCatalog.Root.Options.Concat(NodeSpecs.Options).Select(o => o.Name)));
    }

    [Test]
    public void Complete_AfterAnOptionWithChoices_TheChoices()
    {
        Assert.That(Complete("master", "127.0.0.1", "8080", "--log-level", "w"), Is.EqualTo(new[] { "warning" }));
    }

    [Test]
    public void Complete_ValueAfterAnEqualsSign_AsBashSplitsIt()
    {
        // COMP_WORDBREAKS holds '=' and ':': bash hands "--log-level=w" over as three words.
        Assert.That(Complete("master", "127.0.0.1", "8080", "--log-level", "=", "w"), Is.EqualTo(new[] { "warning" }));
        Assert.That(Complete("master", "--data-dir", "=", "/tmp", "127.0.0.1", "8080", "--tls-c"), Is.EqualTo(new[] { "--tls-cert", "--tls-ca" }));
    }

    [Test]
    public void Complete_AfterHostColonPort_AsBashSplitsIt_TheVerbs()
    {
        Assert.That(Complete("client", "localhost", ":", "8080", "w"), Is.EqualTo(new[] { "wait", "workers" }));
        Assert.That(Complete("client", "localhost", ":", "8080", "wait", "job-1", "--t"), Is.EqualTo(new[] { "--timeout", "--token", "--token-file" }));
    }

    [Test]
    public void Complete_AfterAFileOption_TheFilesThere()
    {
        File.WriteAllText(Path.Combine(_directory, "node.json"), "{}");

        Assert.That(Complete("master", "127.0.0.1", "8080", "--config", Path.Combine(_directory, "node.")), Is.EqualTo(new[] { Path.Combine(_directory, "node.json") }));
    }

    [Test]
    public void Complete_DeploysPathAndCertsDir_FilesAndDirectories()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "plugins"));
        File.WriteAllText(Path.Combine(_directory, "plugin.dll"), "");
        var prefix = Path.Combine(_directory, "plug");

        Assert.That(Complete("plugin", "localhost", ":", "8080", "deploy", "echo", "1", prefix), Is.EquivalentTo(new[] { prefix + "in.dll", prefix + "ins" }));
        Assert.That(Complete("certs", prefix), Is.EqualTo(new[] { prefix + "ins" }));
    }

    [Test]
    public void Complete_AfterATextOption_Nothing()
    {
        Assert.That(Complete("master", "127.0.0.1", "8080", "--cookie", ""), Is.Empty);
    }

    [Test]
    public void Complete_AWorkersOptions_AnOptionsValueIsNoWord()
    {
        Assert.That(Complete("--cookie", "master", "worker1", "127.0.0.1", "--tls"), Is.EqualTo(new[] { "--tls-cert", "--tls-key", "--tls-ca" }));
    }

    private string[] Complete(params string[] words)
    {
        // COMP_WORDS as bash fills it: the program, the words typed, the one under the cursor last.
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"source \"$1\"; shift; COMP_WORDS=(distributed_system \"$@\"); COMP_CWORD=$#; {BashCompletion.Function}; printf '%s\\n' \"${{COMPREPLY[@]}}\"");
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(_script);
        foreach (var word in words)
        {
            info.ArgumentList.Add(word);
        }

        using var bash = Process.Start(info)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        if (!bash.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            bash.Kill(entireProcessTree: true);
            Assert.Fail("bash did not finish within 30 s");
        }

        Assert.That(bash.ExitCode, Is.EqualTo(0), stderr.Result);
        Assert.That(stderr.Result, Is.Empty);
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
