using System.Diagnostics;

namespace DistSys.Node.Tests.Cli;

/// <summary>The real executable, as a user runs it: exit codes and what it prints.</summary>
public sealed class ExecutableTests
{
    [TestCase("")]
    [TestCase("master 127.0.0.1")]
    [TestCase("worker1 127.0.0.1 8081 127.0.0.1")]
    [TestCase("top")]
    [TestCase("top 127.0.0.1:8080 --limit 0")]
    [TestCase("top 127.0.0.1:8080 --json")]
    public void Run_NoOrWrongArguments_PrintsUsageAndExits2(string commandLine)
    {
        var result = HostProcess.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.StdErr, Does.Contain("master HOST PORT"));
            Assert.That(result.StdErr, Does.Contain("NAME HOST PORT MASTER_HOST MASTER_PORT"));
        });
    }

    [TestCase("70000", "8080", "invalid host '70000'")]
    [TestCase("127.0.0.1", "70000", "invalid port '70000'")]
    [TestCase("127.0.0.1", "abc", "invalid port 'abc'")]
    public void Run_InvalidHostOrPort_NamesItAndExits2(string host, string port, string expected)
    {
        var result = HostProcess.Run(["master", host, port]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.StdErr.Split('\n')[0], Does.Contain(expected));
        });
    }

    // Neither --store nor DISTSYS_STORE (the test's environment has no DISTSYS_* variables): nothing is started.
    [TestCase("demo --ha", "demo --ha needs a PostgreSQL database")]
    [TestCase("demo --store", "demo --ha needs a PostgreSQL database")]
    [TestCase("demo --workers 3", "demo takes no arguments but --ha and --store CONN, not '--workers'")]
    public void Run_DemoWithoutWhatItNeeds_OneLineAndExits2(string commandLine, string expected)
    {
        var result = HostProcess.Run(commandLine.Split(' '));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.StdErr.Split('\n')[0], Does.Contain(expected));
            Assert.That(result.StdOut, Is.Empty, "no demo started");
        });
    }

    [TestCase("master 127.0.0.1 8080 --colour red", "unknown option '--colour'")]
    [TestCase("master 127.0.0.1 8080 --cookie", "option --cookie needs a value")]
    public void Run_BadOption_NamesItPrintsUsageAndExits2(string commandLine, string expected)
    {
        var result = HostProcess.Run(commandLine.Split(' '));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.StdErr.Split('\n')[0], Does.Contain(expected));
            Assert.That(result.StdErr, Does.Contain("--data-dir DIR"));
        });
    }

    [TestCase("--log-level=loud", "invalid log_level 'loud' (from --log-level)")]
    [TestCase("--heartbeat-interval=0", "invalid heartbeat_interval '0' (from --heartbeat-interval)")]
    public void Run_BadSetting_OneLineNamingItAndExits2(string option, string expected)
    {
        var result = HostProcess.Run(["master", "127.0.0.1", "8080", option, "--cookie", "c", "--data-dir", Path.Combine(HostProcess.Home, "data")]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.StdErr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.StdErr, Does.Contain(expected));
        });
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Run_GroupReadableApiTokenFile_OneLineAndExits2()
    {
        var file = Path.Combine(HostProcess.Home, $"token-{Guid.NewGuid():N}");
        File.WriteAllText(file, "group-readable-token-0123");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var result = HostProcess.Run(["master", "127.0.0.1", "8080", "--api-token-file", file, "--cookie", "c", "--data-dir", Path.Combine(HostProcess.Home, "data")]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.StdErr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.StdErr, Does.Contain($"invalid api_token_file '{file}'").And.Contain("chmod 600").And.Not.Contain("group-readable-token"));
        });
    }

    [TestCase("--help", "usage: distributed_system master HOST PORT")]
    [TestCase("help", "usage: distributed_system master HOST PORT")]
    [TestCase("master --help", "usage: distributed_system master HOST PORT [OPTIONS]")]
    [TestCase("worker1 --help", "usage: distributed_system NAME HOST PORT MASTER_HOST MASTER_PORT [OPTIONS]")]
    [TestCase("client --help", "usage: distributed_system client HOST:PORT COMMAND")]
    [TestCase("client submit --help", "usage: distributed_system client HOST:PORT submit batch NAME [CONFIG_JSON] | streaming NAME TOPOLOGY_JSON|@FILE [--json]")]
    [TestCase("help client submit", "usage: distributed_system client HOST:PORT submit batch NAME [CONFIG_JSON] | streaming NAME TOPOLOGY_JSON|@FILE [--json]")]
    [TestCase("plugin deploy --help", "usage: distributed_system plugin [HOST:PORT] deploy NAME VERSION PATH [--json]")]
    [TestCase("certs --help", "usage: distributed_system certs DIR")]
    [TestCase("start --help", "usage: distributed_system start")]
    [TestCase("demo --help", "usage: distributed_system demo")]
    [TestCase("completion --help", "usage: distributed_system completion bash")]
    public void Run_HelpOfACommand_PrintsItOnStdoutAndExits0(string commandLine, string firstLine)
    {
        var result = HostProcess.Run(commandLine.Split(' '));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.StdErr);
            Assert.That(result.StdOut, Does.StartWith(firstLine));
            Assert.That(result.StdErr, Is.Empty);
        });
    }

    [TestCase("help bogus", "distributed_system: help: unknown command 'bogus'")]
    [TestCase("completion zsh", "distributed_system: completion takes bash")]
    public void Run_HelpOrCompletionOfNothing_OneLineAndUsageAndExits2(string commandLine, string firstLine)
    {
        var result = HostProcess.Run(commandLine.Split(' '));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.StdErr.Split('\n')[0], Does.StartWith(firstLine));
            Assert.That(result.StdOut, Is.Empty);
        });
    }

    [Test]
    public void Run_Help_PrintsUsageAndExits0()
    {
        var result = HostProcess.Run(["--help"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(result.StdOut, Does.Contain("master HOST PORT"));
        });
    }
}

/// <summary>Runs the Host assembly built beside the tests as its own OS process.</summary>
internal static class HostProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <summary>The home directory every run gets (so a node that starts creates its token files there).</summary>
    public static string Home { get; } = Directory.CreateTempSubdirectory("distsys-exec-home-").FullName;

    public static Result Run(IEnumerable<string> args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "distributed_system.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        // Never the developer's own secrets or settings: a home of its own, no DISTSYS_* variables.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("DISTSYS_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["HOME"] = Home;
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the executable did not exit within 30 s");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
