namespace DistSys.Transport.Handshake;

/// <summary>What the handshake established about the node on the other end.</summary>
/// <param name="Name">The peer's node name.</param>
/// <param name="Incarnation">The peer's incarnation (changes on every restart of that node).</param>
/// <param name="Capabilities">Capabilities both sides support (the intersection).</param>
/// <param name="Version">The protocol version in use.</param>
public sealed record PeerInfo(string Name, ulong Incarnation, ulong Capabilities, ushort Version);
