using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace DistSys.Transport.Security;

/// <summary>
/// The handshake's mutual proof: HMAC-SHA256(cookie, role ‖ client nonce ‖ server nonce ‖ client name ‖
/// server name). The role label differs per direction so a proof cannot be reflected back to its
/// author; both nonces make it fresh, both names bind it to this pair of nodes.
/// </summary>
internal static class HandshakeProof
{
    public const int Size = 32;

    private static readonly byte[] s_serverRole = "distsys-server"u8.ToArray();
    private static readonly byte[] s_clientRole = "distsys-client"u8.ToArray();

    public static void ComputeServer(ClusterCookie cookie, in ProofInput input, Span<byte> proof) =>
        Compute(cookie, s_serverRole, input, proof);

    public static void ComputeClient(ClusterCookie cookie, in ProofInput input, Span<byte> proof) =>
        Compute(cookie, s_clientRole, input, proof);

    /// <summary>Constant time, so a forger learns nothing from how long a wrong proof takes to reject.</summary>
    public static bool VerifyServer(ClusterCookie cookie, in ProofInput input, ReadOnlySpan<byte> proof) =>
        Verify(cookie, s_serverRole, input, proof);

    public static bool VerifyClient(ClusterCookie cookie, in ProofInput input, ReadOnlySpan<byte> proof) =>
        Verify(cookie, s_clientRole, input, proof);

    private static bool Verify(ClusterCookie cookie, byte[] role, in ProofInput input, ReadOnlySpan<byte> proof)
    {
        Span<byte> expected = stackalloc byte[Size];
        Compute(cookie, role, input, expected);
        return proof.Length == Size && CryptographicOperations.FixedTimeEquals(expected, proof);
    }

    private static void Compute(ClusterCookie cookie, byte[] role, in ProofInput input, Span<byte> proof)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, cookie.Key);
        hmac.AppendData(role);
        hmac.AppendData(input.ClientNonce);
        hmac.AppendData(input.ServerNonce);
        AppendName(hmac, input.ClientName);
        AppendName(hmac, input.ServerName);
        hmac.GetHashAndReset(proof);
    }

    private static void AppendName(IncrementalHash hmac, string name)
    {
        // Length-prefixed so ("ab","c") and ("a","bc") hash differently.
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(name.Length) + 4);
        try
        {
            var count = Encoding.UTF8.GetBytes(name, bytes.AsSpan(4));
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, count);
            hmac.AppendData(bytes, 0, count + 4);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
