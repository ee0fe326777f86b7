namespace DistSys.Host.Hosting.Settings;

/// <summary>The shared store and its lease timings, and a worker's other masters (docs/ha.md).</summary>
internal static partial class NodeSettingsLoader
{
    private const int MaxMasters = 16;

    private static SharedStore? ReadStore(IReadOnlyList<SettingLayer> layers)
    {
        var renew = ReadDuration(layers, SettingNames.LeaseRenew, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10)) ?? SharedStore.DefaultLeaseRenew;
        var ttl = ReadDuration(layers, SettingNames.LeaseTtl, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(60)) ?? SharedStore.DefaultLeaseTtl;
        if (ttl < 2 * renew)
        {
            // A leader steps down one renewal before its lease could expire: it needs room for at least one more.
            Throw($"invalid {SettingNames.LeaseTtl} ({ttl.TotalMilliseconds:0}ms): it must be at least twice {SettingNames.LeaseRenew} ({renew.TotalMilliseconds:0}ms)");
        }

        if (Find(layers, SettingNames.Store) is not var (value, source))
        {
            return null;
        }

        string description;
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
            {
                throw new ArgumentException("Host and Database are required");
            }

            description = DistSys.Jobs.Storage.PostgresJobStore.Describe(value);
        }
        catch (ArgumentException ex)
        {
            // The value may hold a password: the message names the setting and the reason, never the value.
            Throw($"invalid {SettingNames.Store} (from {source}): expected a PostgreSQL connection string such as \"Host=db;Database=distsys;Username=distsys\" ({ex.Message})");
            return null;
        }

        return new SharedStore(value, description, renew, ttl);
    }

    // "h1:p1,h2:p2": a worker's other masters, bounded like every list setting.
    private static Endpoint[] ReadMasters(IReadOnlyList<SettingLayer> layers)
    {
        if (Find(layers, SettingNames.Masters) is not var (value, source))
        {
            return [];
        }

        var expected = $"1 to {MaxMasters} comma-separated HOST:PORT addresses";
        var items = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length is 0 or > MaxMasters)
        {
            return Invalid<Endpoint[]>(SettingNames.Masters, value, source, expected);
        }

        var masters = new Endpoint[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (!Endpoint.TryParse(items[i], out masters[i]))
            {
                return Invalid<Endpoint[]>(SettingNames.Masters, items[i], source, expected);
            }
        }

        return masters;
    }
}
