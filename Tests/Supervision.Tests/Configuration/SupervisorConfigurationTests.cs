using System.Text;
using DistSys.Runtime;
using DistSys.Supervision.Configuration;
using DistSys.Supervision.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace DistSys.Supervision.Tests.Configuration;

/// <summary>Trees from JSON configuration, and the errors that name the bad key.</summary>
public sealed class SupervisorConfigurationTests
{
    private const string ValidTree = """
        {
          "Supervisor": {
            "Strategy": "rest_for_one",
            "Intensity": 5,
            "Period": "00:00:30",
            "Children": [
              { "Id": "cache", "Behaviour": "worker", "Shutdown": "250" },
              { "Id": "sessions", "Behaviour": "worker", "Restart": "transient", "Shutdown": "brutal_kill" },
              {
                "Id": "jobs", "Type": "supervisor", "Strategy": "simple_one_for_one", "Intensity": 100, "Period": 1000,
                "Backoff": { "Initial": 5, "Max": 500, "JitterPercent": 10 },
                "Children": [ { "Id": "job", "Behaviour": "worker", "Restart": "temporary" } ]
              }
            ]
          }
        }
        """;

    private ProcessRuntime _runtime = null!;
    private ChildFactoryRegistry _registry = null!;

    [SetUp]
    public void SetUp()
    {
        _runtime = new ProcessRuntime();
        _registry = new ChildFactoryRegistry().Register("worker", () => new TestWorker("configured"));
    }

    [TearDown]
    public void TearDown() => _runtime.Dispose();

    [Test]
    public void Read_ValidTree_MapsEveryKey()
    {
        var spec = SupervisorConfiguration.Read(Section(ValidTree), _registry);

        Assert.That(spec.Strategy, Is.EqualTo(SupervisorStrategy.RestForOne));
        Assert.That(spec.Intensity, Is.EqualTo(5));
        Assert.That(spec.Period, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(spec.Children.Select(c => (c.Id, c.Restart, c.Type)), Is.EqualTo(new[]
        {
            ("cache", RestartType.Permanent, ChildType.Worker),
            ("sessions", RestartType.Transient, ChildType.Worker),
            ("jobs", RestartType.Permanent, ChildType.Supervisor),
        }));
        Assert.That(spec.Children[0].Shutdown, Is.EqualTo(ShutdownPolicy.After(TimeSpan.FromMilliseconds(250))));
        Assert.That(spec.Children[1].Shutdown, Is.EqualTo(ShutdownPolicy.BrutalKill));
        Assert.That(spec.Children[2].Shutdown, Is.EqualTo(ShutdownPolicy.Infinity));
    }

    [Test]
    public async Task Read_ValidTree_StartsAsConfigured()
    {
        var supervisor = await Supervisor.StartAsync(_runtime, SupervisorConfiguration.Read(Section(ValidTree), _registry));
        var jobs = (await Tree.PidsAsync(_runtime, supervisor))["jobs"];

        var job = await Supervisor.StartDynamicChildAsync(_runtime, jobs);

        Assert.That(await Supervisor.CountChildrenAsync(_runtime, supervisor), Is.EqualTo(new ChildCounts(3, 3, 1, 2)));
        Assert.That(job.IsOk, Is.True);
        Assert.That(_runtime.IsAlive(job.Pid), Is.True);
    }

    [TestCase("""{ "Supervisor": { "Children": [ {"Id":"a","Behaviour":"worker"}, {"Id":"b","Behaviour":"worker"}, {"Id":"c","Behaviour":"worker","Restart":"sometimes"} ] } }""",
        "Supervisor:Children:2:Restart: 'sometimes' is not one of permanent, transient, temporary")]
    [TestCase("""{ "Supervisor": { "Strategy": "one_for_some" } }""",
        "Supervisor:Strategy: 'one_for_some' is not one of one_for_one, one_for_all, rest_for_one, simple_one_for_one")]
    [TestCase("""{ "Supervisor": { "Intensity": -1 } }""", "Supervisor:Intensity: '-1' is not a whole number from 0 to 1000000")]
    [TestCase("""{ "Supervisor": { "Period": "soon" } }""", "Supervisor:Period: 'soon' is neither milliseconds nor a time span like 00:00:05")]
    [TestCase("""{ "Supervisor": { "Period": 0 } }""", "Supervisor:Period: '0' is not a duration above zero and at most one day")]
    [TestCase("""{ "Supervisor": { "Children": [ {"Id":"a","Behaviour":"nobody"} ] } }""",
        "Supervisor:Children:0:Behaviour: no behaviour is registered as 'nobody' (registered: worker)")]
    [TestCase("""{ "Supervisor": { "Children": [ {"Behaviour":"worker"} ] } }""", "Supervisor:Children:0:Id: every child needs an id")]
    [TestCase("""{ "Supervisor": { "Children": [ {"Id":"a","Behaviour":"worker"}, {"Id":"a","Behaviour":"worker"} ] } }""",
        "Supervisor:Children:1:Id: the id 'a' is used by another child")]
    [TestCase("""{ "Supervisor": { "Children": [ {"Id":"a","Behaviour":"worker","Restrat":"permanent"} ] } }""",
        "Supervisor:Children:0:Restrat: unknown key (expected one of Id, Behaviour, Restart, Shutdown, Type, Strategy, Intensity, Period, Backoff, Children, Name)")]
    [TestCase("""{ "Supervisor": { "Children": [ {"Id":"a","Behaviour":"worker","Shutdown":"soon"} ] } }""",
        "Supervisor:Children:0:Shutdown: 'soon' is not one of brutal_kill, infinity, or a timeout in milliseconds")]
    [TestCase("""{ "Supervisor": { "Children": [ {"Id":"a","Type":"manager"} ] } }""", "Supervisor:Children:0:Type: 'manager' is not one of worker, supervisor")]
    [TestCase("""{ "Supervisor": { "Strategy": "simple_one_for_one" } }""", "Supervisor:Children: simple_one_for_one takes exactly one child (the template), not 0")]
    [TestCase("""{ "Supervisor": { "Children": [ {"Id":"sub","Type":"supervisor","Children":[ {"Id":"w","Behaviour":"worker","Type":"boss"} ]} ] } }""",
        "Supervisor:Children:0:Children:0:Type: 'boss' is not one of worker, supervisor")]
    [TestCase("""{ "Supervisor": { "Children": { "x": {"Id":"a","Behaviour":"worker"} } } }""", "Supervisor:Children:x: Children must be a list")]
    [TestCase("""{ "Other": 1 }""", "Supervisor: the section is missing")]
    public void Read_BadKey_ThrowsNamingIt(string json, string message)
    {
        var error = Assert.Throws<SupervisorConfigurationException>(() => SupervisorConfiguration.Read(Section(json), _registry));

        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [Test]
    public void Read_DeeperThanTheLimit_ThrowsNamingTheLevel()
    {
        var text = $$"""{ "Supervisor": { "Children": [ {{Nested(SupervisorConfiguration.MaxDepth + 1)}} ] } }""";

        var error = Assert.Throws<SupervisorConfigurationException>(() => SupervisorConfiguration.Read(Section(text), _registry));

        Assert.That(error!.Message, Does.EndWith($"the tree is deeper than {SupervisorConfiguration.MaxDepth} levels"));
    }

    private static string Nested(int levels) =>
        levels == 0 ? "" : $$"""{ "Id": "s", "Type": "supervisor", "Children": [ {{Nested(levels - 1)}} ] }""";

    private static IConfigurationSection Section(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build().GetSection("Supervisor");
}
