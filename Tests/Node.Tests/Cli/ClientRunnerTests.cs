using System.Text.Json;
using DistSys.Host.Cli;
using DistSys.Node.Tests.Api.Support;
using DistSys.Host;

namespace DistSys.Node.Tests.Cli;

/// <summary>The client against a real master API: output, exit codes and one-line errors.</summary>
public sealed class ClientRunnerTests : ApiServerTests
{
    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ClientRunner.RunAsync(CommandLine.Parse(["client", Server.HostPort, "--token", ApiServer.TokenText, .. args]), stdout, stderr, interactive: false);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> SubmitAsync(string config)
    {
        var (exit, output, error) = await RunAsync("submit", "batch", "t", config, "--json");
        Assert.That(exit, Is.Zero, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("job_id").GetString()!;
    }

    [Test]
    public async Task Wait_CompletedJob_Exit0WithProgressLinesAndResult()
    {
        var id = await SubmitAsync("""{"operation":"multiply","factor":3,"task_count":5}""");

        var (exit, output, _) = await RunAsync("wait", id);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(output, Does.Contain("5/5").And.Contain("completed"));
            Assert.That(output, Does.Contain("result: [3,6,9,"));
            Assert.That(output, Does.Not.Contain("\r"), "plain lines when not on a terminal");
        });
    }

    [Test]
    public async Task Wait_FailedJob_Exit1WithTheError()
    {
        var id = await SubmitAsync("""{"operation":"plugin:poison","task_count":1,"max_retries":0}""");

        var (exit, output, _) = await RunAsync("wait", id);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(output, Does.Contain("failed").And.Contain("poisoned partition"));
    }

    [Test]
    public async Task Wait_TimeoutThenCancel_Exit124ThenExit1()
    {
        var id = await SubmitAsync("""{"operation":"sleep","sleep_ms":60000,"task_count":2}""");

        var timedOut = await RunAsync("wait", id, "--timeout", "0.3");
        var cancel = await RunAsync("cancel", id);
        var cancelled = await RunAsync("wait", id);

        Assert.Multiple(() =>
        {
            Assert.That(timedOut.Exit, Is.EqualTo(ExitCodes.Timeout));
            Assert.That(cancel.Exit, Is.EqualTo(ExitCodes.Ok));
            Assert.That(cancel.Out, Does.Contain("cancelled"));
            Assert.That(cancelled.Exit, Is.EqualTo(ExitCodes.Failure));
        });
    }

    [TestCase("status")]
    [TestCase("wait")]
    [TestCase("results")]
    [TestCase("cancel")]
    public async Task UnknownJob_Exit1WithOneLine(string verb)
    {
        var (exit, _, error) = await RunAsync(verb, "job-424242");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.One.Contains("job 'job-424242' does not exist"));
    }

    [Test]
    public async Task Results_OutFile_WritesTheResult()
    {
        var id = await SubmitAsync("""{"operation":"sum","range":{"start":1,"end":10}}""");
        await RunAsync("wait", id);
        var path = Path.GetTempFileName();
        try
        {
            var (exit, _, _) = await RunAsync("results", id, "--out", path);

            Assert.That(exit, Is.Zero);
            Assert.That(File.ReadAllText(path).Trim(), Is.EqualTo("55"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task ListAndWorkers_Json_ParseableBodies()
    {
        await Server.Harness.AllWorkersActiveAsync();

        var list = await RunAsync("list", "--json");
        var workers = await RunAsync("workers");

        Assert.Multiple(() =>
        {
            Assert.That(JsonDocument.Parse(list.Out).RootElement.GetProperty("jobs").ValueKind, Is.EqualTo(JsonValueKind.Array));
            Assert.That(workers.Out, Does.Contain("worker1: active"));
        });
    }

    [Test]
    public async Task Submit_BadConfig_Exit1NamingTheField()
    {
        var (exit, _, error) = await RunAsync("submit", "batch", "x", """{"operation":"multiply","factor":-2}""");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(error, Does.Contain("config.factor"));
    }

    [Test]
    public async Task UnreachableMaster_Exit1WithOneLine()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ClientRunner.RunAsync(CommandLine.Parse(["client", $"127.0.0.1:{FreePort.Next()}", "list", "--token", ApiServer.TokenText]), stdout, stderr, false);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(stderr.ToString(), Does.StartWith("distributed_system: cannot reach the master at 127.0.0.1:"));
    }

    [Test]
    public async Task UsageError_Exit2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ClientRunner.RunAsync(CommandLine.Parse(["client", "x:1", "frob"]), stdout, stderr, false);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
    }
}
