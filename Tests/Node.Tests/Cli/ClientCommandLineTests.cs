using DistSys.Host.Cli;
using DistSys.Host;

namespace DistSys.Node.Tests.Cli;

/// <summary>The client's command line: the seed's forms, options, and usage errors naming the problem.</summary>
public sealed class ClientCommandLineTests
{
    [Test]
    public void Parse_SeedSubmit_NameAndConfig()
    {
        var command = CommandLine.Parse(["client", "localhost:8080", "submit", "batch", "Multiplicar", """{"operation":"multiply"}"""]);

        Assert.That(command, Is.EqualTo(new ClientCommand(new Endpoint("localhost", 8080), ClientVerb.Submit)
        {
            Argument = "Multiplicar",
            Config = """{"operation":"multiply"}""",
        }));
    }

    [Test]
    public void Parse_WaitWithTimeoutAndJson_Both()
    {
        var command = (ClientCommand)CommandLine.Parse(["client", "127.0.0.1:80", "wait", "job-1", "--timeout", "2.5", "--json"]);

        Assert.Multiple(() =>
        {
            Assert.That(command.Verb, Is.EqualTo(ClientVerb.Wait));
            Assert.That(command.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
            Assert.That(command.Json, Is.True);
        });
    }

    [TestCase("client", "needs HOST:PORT")]
    [TestCase("client localhost:8080", "needs a command")]
    [TestCase("client localhost submit batch x", "invalid master address 'localhost'")]
    [TestCase("client localhost:99999 list", "invalid master address")]
    [TestCase("client localhost:8080 frob", "unknown client command 'frob'")]
    [TestCase("client localhost:8080 submit stream x", "batch or streaming")]
    [TestCase("client localhost:8080 submit batch", "submit takes")]
    [TestCase("client localhost:8080 status", "exactly one JOB")]
    [TestCase("client localhost:8080 list extra", "no arguments")]
    [TestCase("client localhost:8080 masters extra", "masters takes no arguments")]
    [TestCase("client localhost:8080 wait job-1 --timeout -1", "invalid --timeout '-1'")]
    [TestCase("client localhost:8080 wait job-1 --timeout", "--timeout needs a value")]
    [TestCase("client localhost:8080 status job-1 --timeout 5", "--timeout applies to wait only")]
    [TestCase("client localhost:8080 list --out f", "--out applies to results only")]
    [TestCase("client localhost:8080 list --verbose", "unknown option '--verbose'")]
    public void Parse_Wrong_UsageErrorNamingIt(string line, string expected)
    {
        var command = CommandLine.Parse(line.Split(' '));

        Assert.That(command, Is.TypeOf<ClientUsageError>());
        Assert.That(((ClientUsageError)command).Message, Does.Contain(expected));
    }
}
