using Npgsql;

namespace DistSys.Jobs.Storage;

/// <summary>
/// The leader lease on a shared PostgreSQL store: one row (<c>leader_lease</c>) that one master holds
/// until <c>expires_at</c>, on the database's clock. A master whose lease has lapsed or who never held it
/// may <see cref="TryAcquire"/> it once it has expired, which raises the epoch and, in the same
/// transaction, the fence row every write checks (see <see cref="PostgresJobStore"/>); the holder
/// <see cref="Renew"/>s it before it expires. Its own connection pool, so a renewal never waits for the
/// store writer's batch.
/// </summary>
internal sealed class LeaderLease : IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _holder;
    private readonly string _address;
    private readonly long _ttlMs;

    public LeaderLease(string connectionString, string holder, string address, TimeSpan ttl)
    {
        _dataSource = PostgresJobStore.DataSource(connectionString);
        _holder = holder;
        _address = address;
        _ttlMs = (long)ttl.TotalMilliseconds;
    }

    /// <summary>Takes the lease if it has expired (or was never held): the new epoch, or null while another master holds it.</summary>
    public long? TryAcquire()
    {
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var take = new NpgsqlCommand("""
            UPDATE leader_lease SET epoch = epoch + 1, holder = @h, address = @a, expires_at = clock_timestamp() + @t * interval '1 millisecond'
            WHERE name = 'master' AND expires_at < clock_timestamp() RETURNING epoch;
            """, connection);
        take.Parameters.AddWithValue("h", _holder);
        take.Parameters.AddWithValue("a", _address);
        take.Parameters.AddWithValue("t", _ttlMs);
        if (take.ExecuteScalar() is not long epoch)
        {
            return null;
        }

        // Waits for a batch the old leader has in flight (it holds the fence row FOR SHARE): that batch
        // commits under the old epoch, and every later one sees this epoch and is refused.
        using var fence = new NpgsqlCommand("UPDATE leader_fence SET epoch = @e WHERE name = 'master';", connection);
        fence.Parameters.AddWithValue("e", epoch);
        fence.ExecuteNonQuery();
        transaction.Commit();
        return epoch;
    }

    /// <summary>Extends the lease by the TTL from now if this master still holds it under <paramref name="epoch"/> and it has not expired.</summary>
    public bool Renew(long epoch)
    {
        using var connection = _dataSource.OpenConnection();
        using var renew = new NpgsqlCommand("""
            UPDATE leader_lease SET expires_at = clock_timestamp() + @t * interval '1 millisecond'
            WHERE name = 'master' AND epoch = @e AND holder = @h AND expires_at > clock_timestamp();
            """, connection);
        renew.Parameters.AddWithValue("t", _ttlMs);
        renew.Parameters.AddWithValue("e", epoch);
        renew.Parameters.AddWithValue("h", _holder);
        return renew.ExecuteNonQuery() == 1;
    }

    /// <summary>Gives the lease up at once (a graceful shutdown): a standby may take it on its next try, without waiting for the TTL.</summary>
    public void Release(long epoch)
    {
        using var connection = _dataSource.OpenConnection();
        using var release = new NpgsqlCommand(
            "UPDATE leader_lease SET expires_at = '-infinity' WHERE name = 'master' AND epoch = @e AND holder = @h;", connection);
        release.Parameters.AddWithValue("e", epoch);
        release.Parameters.AddWithValue("h", _holder);
        release.ExecuteNonQuery();
    }

    /// <summary>
    /// Who holds the lease now, under which epoch, at which address, and whether it is still valid; with
    /// <paramref name="announce"/> (a standby's try) this master's row in <c>masters</c> is refreshed in the
    /// same round trip, so standing by costs no extra query.
    /// </summary>
    public LeaderInfo Read(bool announce = false)
    {
        using var connection = _dataSource.OpenConnection();
        using var read = new NpgsqlCommand((announce ? """
            INSERT INTO masters (holder, address, last_seen) VALUES (@h, @a, clock_timestamp())
            ON CONFLICT (holder) DO UPDATE SET address = excluded.address, last_seen = excluded.last_seen;
            """ : "") + "SELECT epoch, holder, address, expires_at > clock_timestamp() FROM leader_lease WHERE name = 'master';", connection);
        if (announce)
        {
            read.Parameters.AddWithValue("h", _holder);
            read.Parameters.AddWithValue("a", _address);
        }

        using var reader = read.ExecuteReader();
        reader.Read();
        return new LeaderInfo(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3));
    }

    /// <summary>The masters other than the lease holder that stood by within <paramref name="within"/>, newest first (at most 64).</summary>
    public List<StandbyInfo> Standbys(TimeSpan within)
    {
        using var connection = _dataSource.OpenConnection();
        using var read = new NpgsqlCommand("""
            SELECT holder, address, (EXTRACT(EPOCH FROM last_seen) * 1000)::BIGINT FROM masters
            WHERE holder IS DISTINCT FROM (SELECT holder FROM leader_lease WHERE name = 'master')
              AND last_seen > clock_timestamp() - @w * interval '1 millisecond'
            ORDER BY last_seen DESC LIMIT 64;
            """, connection);
        read.Parameters.AddWithValue("w", (long)within.TotalMilliseconds);
        using var reader = read.ExecuteReader();
        var standbys = new List<StandbyInfo>();
        while (reader.Read())
        {
            standbys.Add(new StandbyInfo(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return standbys;
    }

    public void Dispose() => _dataSource.Dispose();
}

/// <summary>A standby as it last announced itself: its holder name, its address and when (Unix milliseconds, the database's clock).</summary>
internal sealed record StandbyInfo(string Holder, string Address, long LastSeen);

/// <summary>The lease row: its epoch, the master holding it and its address, and whether it is still valid.</summary>
internal sealed record LeaderInfo(long Epoch, string? Holder, string? Address, bool Valid);
