
namespace DistSys.Host.Cli;

/// <summary>
/// <c>distributed_system demo [--ha] [--store CONN]</c>: the whole system on loopback in under a minute.
/// With <c>--ha</c> (or <c>--store</c>), two masters share a PostgreSQL database (<c>--store</c>, else
/// <c>DISTSYS_STORE</c>) and the leader is the one killed mid-job; the database is the user's, as the
/// demo cannot bring one.
/// </summary>
internal sealed record DemoCommand(bool Ha = false, string? Store = null) : Command
{
    public const string NeedsStore = "demo --ha needs a PostgreSQL database the two masters share: --store \"Host=…;Database=…;Username=…\" or DISTSYS_STORE (docs/ha.md)";

    public static Command Parse(IReadOnlyList<string> args)
    {
        var demo = new DemoCommand();
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--ha":
                    demo = demo with { Ha = true };
                    break;
                case "--store" when i + 1 < args.Count && !string.IsNullOrWhiteSpace(args[i + 1]):
                    demo = demo with { Ha = true, Store = args[++i] };
                    break;
                case "--store":
                    return new UsageError(NeedsStore);
                default:
                    return new UsageError($"demo takes no arguments but --ha and --store CONN, not '{args[i]}'");
            }
        }

        return demo;
    }

    /// <summary>The store of an <c>--ha</c> run: <c>--store</c>, else <paramref name="environmentStore"/> (DISTSYS_STORE); null when neither is set.</summary>
    public string? HaStore(string? environmentStore) =>
        Store ?? (string.IsNullOrWhiteSpace(environmentStore) ? null : environmentStore);
}
