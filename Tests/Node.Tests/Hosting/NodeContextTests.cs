using DistSys.Host.Hosting;
using DistSys.Host.Hosting.Settings;
using DistSys.Runtime.Distribution;
using DistSys.Supervision;
using DistSys.Transport.Security;
using Microsoft.Extensions.Logging.Abstractions;
using DistSys.Host;

namespace DistSys.Node.Tests.Hosting;

public sealed class NodeContextTests
{
    private ClusterNode _cluster = null!;
    private NodeContext _context = null!;

    [SetUp]
    public async Task SetUp()
    {
        var cookie = ClusterCookie.FromText("context-tests");
        _cluster = await ClusterNode.StartAsync(new ClusterNodeOptions { Name = "master", Role = NodeRole.Master, Port = 1, Cookie = cookie });
        var settings = new NodeSettings(NodeRole.Master, "master", new Endpoint("127.0.0.1", 1), null)
        {
            Cookie = cookie,
            ApiToken = DistSys.Host.Api.Security.ApiToken.FromText("context-tests-api-token", "the tests"),
            DataDirectory = "/var/lib/distsys/master",
            InputDirectory = "/var/lib/distsys/master/inputs",
        };
        _context = new NodeContext(_cluster, settings, NullLoggerFactory.Instance);
    }

    [TearDown]
    public async Task TearDown() => await _cluster.DisposeAsync();

    [Test]
    public void Registrations_BeforeFreeze_AreKeptInOrder()
    {
        var first = ChildSpec.Worker("first", () => new Idle());
        var second = ChildSpec.Worker("second", () => new Idle());

        _context.AddService(first);
        _context.AddService(second);

        Assert.That(_context.Services, Is.EqualTo(new[] { first, second }));
    }

    [Test]
    public void Registrations_AfterFreeze_Throw()
    {
        _context.Freeze();

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => _context.AddService(ChildSpec.Worker("late", () => new Idle())));
            Assert.Throws<InvalidOperationException>(() => _context.MapEndpoints(_ => { }));
            Assert.Throws<InvalidOperationException>(() => _context.OnStarted((_, _) => Task.CompletedTask));
            Assert.Throws<InvalidOperationException>(() => _context.OnStopping(_ => Task.CompletedTask));
        });
    }

    [Test]
    public async Task StopHooks_RunInReverseOrderOfRegistration()
    {
        var order = new List<string>();
        _context.OnStopping(_ => Record(order, "opened first"));
        _context.OnStopping(_ => Record(order, "opened second"));

        foreach (var hook in _context.StopHooks)
        {
            await hook(_context);
        }

        Assert.That(order, Is.EqualTo(new[] { "opened second", "opened first" }));
    }

    [Test]
    public void Context_ExposesTheNodesSettingsAndStartsAsStarting()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_context.DataDirectory, Is.EqualTo("/var/lib/distsys/master"));
            Assert.That(_context.Status, Is.EqualTo(NodeStatus.Starting));
            Assert.That(_context.Supervisor, Is.Null);
            Assert.That(_context.Cluster.Name, Is.EqualTo("master"));
        });
    }

    private static Task Record(List<string> order, string what)
    {
        order.Add(what);
        return Task.CompletedTask;
    }

    private sealed class Idle : Runtime.Behaviour
    {
        protected override ValueTask ReceiveAsync(Runtime.ProcessContext context, object message) => default;
    }
}
