using DistSys.Host.Cli.Spec;
using DistSys.Runtime.Distribution;

namespace DistSys.Host.Cli;

/// <summary>What the command line asked for; <see cref="CommandLine.Parse"/> returns exactly one.</summary>
internal abstract record Command;

/// <summary>Help for one command of <see cref="CommandCatalog"/>; the root is the whole usage.</summary>
internal sealed record HelpCommand(CommandSpec Topic) : Command;

internal sealed record VersionCommand : Command;

/// <summary>The arguments were wrong; <see cref="Message"/> names the bad value when there is one.</summary>
internal sealed record UsageError(string? Message) : Command;

/// <summary>Start a node. A worker knows where its master listens; a master does not.</summary>
internal sealed record NodeCommand(NodeRole Role, string Name, Endpoint Listen, Endpoint? Master) : Command
{
    /// <summary>The <c>--option value</c> pairs given before or after the positional arguments.</summary>
    public NodeOptionArgs Options { get; init; } = NodeOptionArgs.None;
}

