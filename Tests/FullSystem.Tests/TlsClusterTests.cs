using System.Text.Json;

namespace DistSys.FullSystem.Tests;

/// <summary>
/// A cluster as an operator secures it: certificates from the <c>certs</c> command, a master and a
/// worker over mutual TLS on their one port each, and the client speaking HTTPS with <c>--ca</c>.
/// </summary>
public sealed class TlsClusterTests
{
    private const string Token = "full-system-tls-token-3c1d";
    private readonly List<NodeProcess> _processes = [];
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("distsys-tls-").FullName;

    [TearDown]
    public async Task TearDown()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var process in _processes)
            {
                await TestContext.Out.WriteLineAsync($"----- output of '{process.Name}' -----\n{process.Output}");
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task CertsCommand_MasterAndWorkerOverMutualTls_JobRunsAndTheClientNeedsTheCa()
    {
        var certs = Path.Combine(_dir, "certs");
        var (made, _) = await RunAsync("certs", [certs, "--nodes", "master,worker1"]);
        Assert.That(made, Is.Zero);
        var masterPort = FreePort.Next();
        var workerPort = FreePort.Next();
        Start("master", masterPort, ["master", "127.0.0.1", $"{masterPort}"]);
        Start("worker1", workerPort, ["worker1", "127.0.0.1", $"{workerPort}", "127.0.0.1", $"{masterPort}"]);
        var ca = Path.Combine(certs, "ca.pem");
        string[] client = ["client", $"127.0.0.1:{masterPort}", "--ca", ca];

        await Eventually.True(async () =>
        {
            var (exit, output) = await RunAsync(client[0], [.. client[1..], "workers", "--json"]);
            return exit == 0 && output.Contains("\"worker1\"", StringComparison.Ordinal) && output.Contains("\"active\"", StringComparison.Ordinal);
        }, "worker1 joined over TLS and its executor is active");
        var (submitted, submitOutput) = await RunAsync(client[0], [.. client[1..], "submit", "batch", "tls", """{"operation":"multiply","factor":3,"task_count":4}""", "--json"]);
        var id = JsonDocument.Parse(submitOutput[submitOutput.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("job_id").GetString()!;
        var (waited, _) = await RunAsync(client[0], [.. client[1..], "wait", id]);
        var (plain, _) = await RunAsync("client", [$"127.0.0.1:{masterPort}", "list"]);

        Assert.Multiple(() =>
        {
            Assert.That(submitted, Is.Zero, submitOutput);
            Assert.That(waited, Is.Zero, "the job completed over the TLS cluster");
            Assert.That(plain, Is.Not.Zero, "plain HTTP is not served on a TLS port");
        });
    }

    private void Start(string name, int port, string[] args)
    {
        var certs = Path.Combine(_dir, "certs");
        _processes.Add(NodeProcess.Start(name, port, args, new Dictionary<string, string?>
        {
            ["HOME"] = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName,
            ["DISTSYS_COOKIE"] = "full-system-tls-cookie",
            ["DISTSYS_API_TOKEN"] = Token,
            ["DISTSYS_DATA_DIR"] = Path.Combine(_dir, name),
            ["DISTSYS_TLS_CERT"] = Path.Combine(certs, $"{name}.pem"),
            ["DISTSYS_TLS_KEY"] = Path.Combine(certs, $"{name}.key"),
            ["DISTSYS_TLS_CA"] = Path.Combine(certs, "ca.pem"),
            ["DISTSYS_FAILURE_TIMEOUT"] = "5s",
            ["DISTSYS_HEARTBEAT_INTERVAL"] = "500ms",
        }));
    }

    private async Task<(int Exit, string Output)> RunAsync(string command, string[] args)
    {
        var process = NodeProcess.Start(command, 0, [command, .. args], new Dictionary<string, string?>
        {
            ["HOME"] = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName,
            ["DISTSYS_API_TOKEN"] = Token,
        });
        _processes.Add(process);
        var exit = await process.WaitForExitAsync();
        return (exit, process.Output);
    }
}
