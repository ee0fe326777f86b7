using DistSys.Supervision.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DistSys.Supervision.Internal;

/// <summary>Turns configuration sections into supervisor and child specs, naming the bad key on error.</summary>
internal sealed partial class SpecReader(ChildFactoryRegistry registry, ILogger? logger)
{
    private static readonly string[] SupervisorKeys = ["Strategy", "Intensity", "Period", "Backoff", "Children", "Name"];
    private static readonly string[] ChildKeys = ["Id", "Behaviour", "Restart", "Shutdown", "Type", .. SupervisorKeys];

    private static readonly (string Text, SupervisorStrategy Value)[] Strategies =
    [
        ("one_for_one", SupervisorStrategy.OneForOne), ("one_for_all", SupervisorStrategy.OneForAll),
        ("rest_for_one", SupervisorStrategy.RestForOne), ("simple_one_for_one", SupervisorStrategy.SimpleOneForOne),
    ];

    private static readonly (string Text, RestartType Value)[] Restarts =
        [("permanent", RestartType.Permanent), ("transient", RestartType.Transient), ("temporary", RestartType.Temporary)];

    private static readonly (string Text, ChildType Value)[] Types = [("worker", ChildType.Worker), ("supervisor", ChildType.Supervisor)];

    public SupervisorSpec ReadSupervisor(IConfigurationSection section, int depth)
    {
        if (depth > SupervisorConfiguration.MaxDepth)
        {
            ConfigErrors.Throw(section.Path, $"the tree is deeper than {SupervisorConfiguration.MaxDepth} levels");
        }

        RejectUnknownKeys(section, depth == 0 ? SupervisorKeys : ChildKeys);
        var spec = new SupervisorSpec
        {
            Strategy = ReadChoice(section, "Strategy", Strategies, SupervisorStrategy.OneForOne),
            Intensity = ReadInt(section, "Intensity", 0, 1_000_000, 1),
            Period = ReadDuration(section, "Period", TimeSpan.FromSeconds(5)),
            Backoff = ReadBackoff(section.GetSection("Backoff")),
            Children = ReadChildren(section.GetSection("Children"), depth),
            Name = ReadOptionalText(section, "Name"),
            Logger = logger,
        };
        if (spec.Strategy == SupervisorStrategy.SimpleOneForOne && spec.Children.Count != 1)
        {
            ConfigErrors.Throw(section.GetSection("Children").Path, $"simple_one_for_one takes exactly one child (the template), not {spec.Children.Count}");
        }

        return spec;
    }

    private List<ChildSpec> ReadChildren(IConfigurationSection section, int depth)
    {
        var entries = section.GetChildren().ToList();
        if (entries.Count > SupervisorConfiguration.MaxChildren)
        {
            ConfigErrors.Throw(section.Path, $"more than {SupervisorConfiguration.MaxChildren} children");
        }

        var children = new List<ChildSpec>(entries.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.OrderBy(e => int.TryParse(e.Key, out var index) ? index : ConfigErrors.Throw<int>(e.Path, "Children must be a list")))
        {
            var child = ReadChild(entry, depth);
            if (!ids.Add(child.Id))
            {
                ConfigErrors.Throw(entry.GetSection("Id").Path, $"the id '{child.Id}' is used by another child");
            }

            children.Add(child);
        }

        return children;
    }

    private ChildSpec ReadChild(IConfigurationSection section, int depth)
    {
        RejectUnknownKeys(section, ChildKeys);
        var id = ReadOptionalText(section, "Id") ?? ConfigErrors.Throw<string>(section.GetSection("Id").Path, "every child needs an id");
        var type = ReadChoice(section, "Type", Types, ChildType.Worker);
        ChildStart start;
        if (type == ChildType.Supervisor)
        {
            var nested = ReadSupervisor(section, depth + 1);
            start = (context, _) => Supervisor.StartLinkAsync(context, nested);
        }
        else
        {
            start = ReadBehaviour(section.GetSection("Behaviour"));
        }

        var spec = new ChildSpec(id, start)
        {
            Type = type,
            Restart = ReadChoice(section, "Restart", Restarts, RestartType.Permanent),
        };
        return section.GetSection("Shutdown").Value is null ? spec : spec with { Shutdown = ReadShutdown(section.GetSection("Shutdown")) };
    }

    private ChildStart ReadBehaviour(IConfigurationSection section)
    {
        var name = section.Value;
        if (string.IsNullOrEmpty(name))
        {
            ConfigErrors.Throw(section.Path, "a worker needs the registered name of its behaviour");
        }

        return registry.TryGet(name, out var start)
            ? start
            : ConfigErrors.Throw<ChildStart>(section.Path, $"no behaviour is registered as '{name}' (registered: {string.Join(", ", registry.Names.Order(StringComparer.Ordinal))})");
    }
}
