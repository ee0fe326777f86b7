
namespace DistSys.Host.Cli;

/// <summary><c>distributed_system demo</c>: the whole system on loopback in under a minute.</summary>
internal sealed record DemoCommand : Command
{
    public static Command Parse(IReadOnlyList<string> args) =>
        args.Count == 1 ? new DemoCommand() : new UsageError("demo takes no arguments");
}
