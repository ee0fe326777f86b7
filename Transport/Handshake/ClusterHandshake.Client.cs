using DistSys.Transport.Messages;
using DistSys.Transport.Security;

namespace DistSys.Transport.Handshake;

public static partial class ClusterHandshake
{
    private static async Task<PeerInfo> RunClientAsync(HandshakeChannel channel, HandshakeOptions local)
    {
        var clientNonce = Bytes32.Random();
        await channel.WriteAsync(new Hello(local.NodeName, local.Incarnation, local.Capabilities, clientNonce), withPreamble: true).ConfigureAwait(false);

        var version = await channel.ReadPreambleAsync().ConfigureAwait(false);
        var challenge = await channel.ReadAsync<Challenge>().ConfigureAwait(false);
        if (!local.Accepts(version))
        {
            throw new HandshakeAbort(HandshakeOutcome.RefusedVersion, $"the server speaks version {version}");
        }

        if (!VerifyServer(local, clientNonce, challenge))
        {
            // The server does not hold our cookie: tell it no more than "Auth" and go.
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Auth)).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedAuth, "the server's proof does not match our cookie");
        }

        await channel.WriteAsync(new ChallengeResponse(ClientProof(local, clientNonce, challenge))).ConfigureAwait(false);
        await channel.ReadAsync<HandshakeAck>().ConfigureAwait(false);
        return new PeerInfo(challenge.NodeName, challenge.Incarnation, local.Capabilities & challenge.Capabilities, version);
    }

    private static bool VerifyServer(HandshakeOptions local, Bytes32 clientNonce, in Challenge challenge)
    {
        Span<byte> nc = stackalloc byte[Bytes32.Size];
        Span<byte> ns = stackalloc byte[Bytes32.Size];
        Span<byte> proof = stackalloc byte[Bytes32.Size];
        clientNonce.CopyTo(nc);
        challenge.Nonce.CopyTo(ns);
        challenge.Proof.CopyTo(proof);
        return HandshakeProof.VerifyServer(local.Cookie, new ProofInput(nc, ns, local.NodeName, challenge.NodeName), proof);
    }

    private static Bytes32 ClientProof(HandshakeOptions local, Bytes32 clientNonce, in Challenge challenge)
    {
        Span<byte> nc = stackalloc byte[Bytes32.Size];
        Span<byte> ns = stackalloc byte[Bytes32.Size];
        Span<byte> proof = stackalloc byte[Bytes32.Size];
        clientNonce.CopyTo(nc);
        challenge.Nonce.CopyTo(ns);
        HandshakeProof.ComputeClient(local.Cookie, new ProofInput(nc, ns, local.NodeName, challenge.NodeName), proof);
        return Bytes32.Create(proof);
    }
}
