using DistSys.Transport.Messages;
using DistSys.Transport.Security;

namespace DistSys.Transport.Handshake;

public static partial class ClusterHandshake
{
    /// <summary>Who is proving: the label mixed into the MAC, so a proof cannot be reflected back.</summary>
    private enum Role
    {
        Client,
        Server,
    }

    private static Bytes32 Prove(ClusterCookie cookie, Role role, Bytes32 clientNonce, Bytes32 serverNonce, string clientName, string serverName)
    {
        Span<byte> nc = stackalloc byte[Bytes32.Size];
        Span<byte> ns = stackalloc byte[Bytes32.Size];
        Span<byte> proof = stackalloc byte[Bytes32.Size];
        clientNonce.CopyTo(nc);
        serverNonce.CopyTo(ns);
        var input = new ProofInput(nc, ns, clientName, serverName);
        if (role == Role.Server)
        {
            HandshakeProof.ComputeServer(cookie, input, proof);
        }
        else
        {
            HandshakeProof.ComputeClient(cookie, input, proof);
        }

        return Bytes32.Create(proof);
    }

    private static bool Verify(ClusterCookie cookie, Role role, Bytes32 clientNonce, Bytes32 serverNonce, string clientName, string serverName, Bytes32 proof)
    {
        Span<byte> nc = stackalloc byte[Bytes32.Size];
        Span<byte> ns = stackalloc byte[Bytes32.Size];
        Span<byte> received = stackalloc byte[Bytes32.Size];
        clientNonce.CopyTo(nc);
        serverNonce.CopyTo(ns);
        proof.CopyTo(received);
        var input = new ProofInput(nc, ns, clientName, serverName);
        return role == Role.Server
            ? HandshakeProof.VerifyServer(cookie, input, received)
            : HandshakeProof.VerifyClient(cookie, input, received);
    }
}
