using DistSys.Transport.Messages;
using DistSys.Transport.Security;

namespace DistSys.Transport.Handshake;

internal static partial class ClusterHandshake
{
    /// <summary>Who is proving: the label mixed into the MAC, so a proof cannot be reflected back.</summary>
    private enum Role
    {
        Client,
        Server,
    }

    private static Bytes32 Prove(ClusterCookie cookie, Role role, HandshakeChannel channel)
    {
        Span<byte> transcript = stackalloc byte[HandshakeTranscript.HashSize];
        Span<byte> proof = stackalloc byte[Bytes32.Size];
        channel.Transcript.CurrentHash(transcript);
        if (role == Role.Server)
        {
            HandshakeProof.ComputeServer(cookie, transcript, proof);
        }
        else
        {
            HandshakeProof.ComputeClient(cookie, transcript, proof);
        }

        return Bytes32.Create(proof);
    }

    private static bool Verify(ClusterCookie cookie, Role role, HandshakeChannel channel, Bytes32 proof)
    {
        Span<byte> transcript = stackalloc byte[HandshakeTranscript.HashSize];
        Span<byte> received = stackalloc byte[Bytes32.Size];
        channel.Transcript.CurrentHash(transcript);
        proof.CopyTo(received);
        return role == Role.Server
            ? HandshakeProof.VerifyServer(cookie, transcript, received)
            : HandshakeProof.VerifyClient(cookie, transcript, received);
    }

    /// <summary>The client's proof also covers the server's, so the two proofs are chained.</summary>
    private static void AppendProof(HandshakeChannel channel, Bytes32 serverProof)
    {
        Span<byte> bytes = stackalloc byte[Bytes32.Size];
        serverProof.CopyTo(bytes);
        channel.Transcript.Append(bytes);
    }
}
