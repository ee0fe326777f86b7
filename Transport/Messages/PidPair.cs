using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>The body shared by link and unlink: <c>from: pid | to: pid</c>.</summary>
internal readonly record struct PidPair(WirePid From, WirePid To)
{
    public int Size => From.Size + To.Size;

    /// <inheritdoc/>
    public static PidPair Read(ref WireReader reader) => new(WirePid.Read(ref reader), WirePid.Read(ref reader));

    public void Write(ref WireWriter writer)
    {
        From.Write(ref writer);
        To.Write(ref writer);
    }
}
