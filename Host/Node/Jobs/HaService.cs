using System.Buffers;
using System.Text.Json;
using DistSys.Host.Hosting;
using DistSys.Jobs.Storage;

namespace DistSys.Host.Jobs;

/// <summary>
/// A master on a shared store (docs/ha.md): it stands by until it wins the leader lease, then starts
/// its services and renews the lease; when it cannot, the node steps down (stops and exits 1) before the
/// lease could expire, and every write it still attempts is refused by the store's fence. A graceful
/// stop releases the lease, so a standby takes over at its next try. <c>GET /api/status</c> shows the
/// lease and the standbys (section <c>ha</c>).
/// </summary>
internal static class HaService
{
    public static void AddTo(NodeContext context, PostgresJobStore store)
    {
        var settings = context.Settings.Store!;
        var logger = context.LoggerFactory.CreateLogger("DistSys.Jobs");
        // Every master's positional name is "master": the holder is named by its address too.
        var address = context.Settings.Listen.ToString();
        var lease = new LeaderLease(settings.ConnectionString, $"{context.Settings.Name}@{address}", address, settings.LeaseTtl);
        var election = new LeaderElection(lease, store, settings.LeaseRenew, settings.LeaseTtl, logger);
        var stopping = new CancellationTokenSource();
        context.AwaitLeadership(async cancellationToken =>
        {
            await election.CampaignAsync(cancellationToken).ConfigureAwait(false);
            _ = KeepAsync(context, election, stopping.Token);
        });
        context.OnStopping(async _ =>
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            election.StepDown();
            stopping.Dispose();
            lease.Dispose();
        });
        HaMasters.AddServer(context, lease, 2 * settings.LeaseTtl);
        context.AddStatusSection("ha", () => Section(context.Settings.Name, store, election, lease, 2 * settings.LeaseTtl));
    }

    private static async Task KeepAsync(NodeContext context, LeaderElection election, CancellationToken cancellationToken)
    {
        try
        {
            context.StepDown(await election.KeepAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // A graceful stop: the stop hook releases the lease.
        }
    }

    private static JsonElement Section(string name, PostgresJobStore store, LeaderElection election, LeaderLease lease, TimeSpan standbyWithin)
    {
        List<StandbyInfo> standbys;
        try
        {
            // A standby announces itself at each try for the lease (every lease_renew): one seen within two TTLs is there.
            standbys = lease.Standbys(standbyWithin);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            standbys = []; // the store is unreachable: the rest of the section still says what this master knows
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("store", store.Description);
            writer.WriteString("role", election.Epoch != 0 ? "leader" : "standby");
            writer.WriteNumber("epoch", election.Epoch != 0 ? election.Epoch : election.Seen?.Epoch ?? 0);
            writer.WriteString("leader", election.Epoch != 0 ? name : election.Seen?.Holder);
            writer.WriteString("leader_address", election.Seen?.Address);
            writer.WriteStartArray("standbys");
            foreach (var standby in standbys)
            {
                writer.WriteStartObject();
                writer.WriteString("name", standby.Holder);
                writer.WriteString("address", standby.Address);
                writer.WriteNumber("last_seen", standby.LastSeen);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
