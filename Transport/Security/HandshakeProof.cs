using System.Security.Cryptography;

namespace DistSys.Transport.Security;

/// <summary>
/// The handshake's mutual proof: HMAC-SHA256(cookie, role ‖ SHA-256(transcript)). The transcript is every
/// handshake byte both sides saw (docs/protocol.md, "Handshake"), so a relay that changes any field of
/// either side's opening message makes the proofs disagree. The role label differs per direction so a
/// proof cannot be reflected back to its author; the nonces in the transcript make it fresh.
/// </summary>
internal static class HandshakeProof
{
    public const int Size = 32;

    private static readonly byte[] s_serverRole = "distsys-server-v2"u8.ToArray();
    private static readonly byte[] s_clientRole = "distsys-client-v2"u8.ToArray();

    public static void ComputeServer(ClusterCookie cookie, ReadOnlySpan<byte> transcriptHash, Span<byte> proof) =>
        Compute(cookie, s_serverRole, transcriptHash, proof);

    public static void ComputeClient(ClusterCookie cookie, ReadOnlySpan<byte> transcriptHash, Span<byte> proof) =>
        Compute(cookie, s_clientRole, transcriptHash, proof);

    /// <summary>Constant time, so a forger learns nothing from how long a wrong proof takes to reject.</summary>
    public static bool VerifyServer(ClusterCookie cookie, ReadOnlySpan<byte> transcriptHash, ReadOnlySpan<byte> proof) =>
        Verify(cookie, s_serverRole, transcriptHash, proof);

    public static bool VerifyClient(ClusterCookie cookie, ReadOnlySpan<byte> transcriptHash, ReadOnlySpan<byte> proof) =>
        Verify(cookie, s_clientRole, transcriptHash, proof);

    private static bool Verify(ClusterCookie cookie, byte[] role, ReadOnlySpan<byte> transcriptHash, ReadOnlySpan<byte> proof)
    {
        Span<byte> expected = stackalloc byte[Size];
        Compute(cookie, role, transcriptHash, expected);
        return proof.Length == Size && CryptographicOperations.FixedTimeEquals(expected, proof);
    }

    private static void Compute(ClusterCookie cookie, byte[] role, ReadOnlySpan<byte> transcriptHash, Span<byte> proof)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, cookie.Key);
        hmac.AppendData(role);
        hmac.AppendData(transcriptHash);
        hmac.GetHashAndReset(proof);
    }
}
