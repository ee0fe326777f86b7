namespace DistSys.Host.Hosting.Settings;

/// <summary>
/// A master's shared PostgreSQL store and its leader lease timings (docs/ha.md). The connection string
/// may hold a password: it is passed to the store and never logged (<see cref="Description"/> is what logs say).
/// </summary>
internal sealed record SharedStore(string ConnectionString, string Description, TimeSpan LeaseRenew, TimeSpan LeaseTtl)
{
    public static readonly TimeSpan DefaultLeaseRenew = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan DefaultLeaseTtl = TimeSpan.FromSeconds(2);
}
