namespace DistSys.Transport.RingPeer;

/// <summary>
/// The payloads both processes of the cross-process test agree on, and the running checksum they
/// compare at the end (FNV-1a over sequence number and payload). Compiled into the test project too.
/// </summary>
internal static class RingChecksum
{
    public const ulong Seed = 14695981039346656037;

    public static int PayloadLength(ulong sequence) => (int)(sequence % 33);

    public static void Fill(Span<byte> payload, ulong sequence)
    {
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)((sequence * 131) + (ulong)i);
        }
    }

    public static ulong Add(ulong checksum, ulong sequence, ReadOnlySpan<byte> payload)
    {
        checksum = Mix(checksum, (byte)sequence);
        foreach (var b in payload)
        {
            checksum = Mix(checksum, b);
        }

        return checksum;
    }

    private static ulong Mix(ulong checksum, byte value) => (checksum ^ value) * 1099511628211;
}
