using DistSys.Supervision.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DistSys.Supervision.Configuration;

/// <summary>
/// Reads a supervision tree from configuration (JSON or any other source): strategy, intensity,
/// period, optional backoff, and children that name registered behaviours or are supervisors
/// themselves. Every problem throws <see cref="SupervisorConfigurationException"/> naming the key.
/// The format is described in docs/supervision.md.
/// </summary>
public static class SupervisorConfiguration
{
    /// <summary>The deepest tree accepted.</summary>
    public const int MaxDepth = 16;

    /// <summary>The most children one supervisor may list.</summary>
    public const int MaxChildren = 10_000;

    /// <summary>Reads the supervisor in <paramref name="section"/>; <paramref name="logger"/> goes to every supervisor of the tree.</summary>
    public static SupervisorSpec Read(IConfigurationSection section, ChildFactoryRegistry registry, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(registry);
        if (!section.Exists())
        {
            ConfigErrors.Throw(section.Path, "the section is missing");
        }

        return new SpecReader(registry, logger).ReadSupervisor(section, depth: 0);
    }
}
