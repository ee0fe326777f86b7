using DistSys.Transport.Messages;
using DistSys.Transport.Security;

namespace DistSys.Transport.Handshake;

public static partial class ClusterHandshake
{
    private static async Task<PeerInfo> RunServerAsync(HandshakeChannel channel, HandshakeOptions local)
    {
        var version = await channel.ReadPreambleAsync().ConfigureAwait(false);
        if (!local.Accepts(version))
        {
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Version), withPreamble: true).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedVersion, $"the client speaks version {version}");
        }

        var hello = await channel.ReadAsync<Hello>().ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(hello.NodeName) || string.Equals(hello.NodeName, local.NodeName, StringComparison.Ordinal))
        {
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Name), withPreamble: true).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedName, $"unacceptable node name '{hello.NodeName}'");
        }

        var serverNonce = Bytes32.Random();
        var challenge = new Challenge(local.NodeName, local.Incarnation, local.Capabilities, serverNonce, ServerProof(local, hello, serverNonce));
        await channel.WriteAsync(challenge, withPreamble: true).ConfigureAwait(false);

        var response = await channel.ReadAsync<ChallengeResponse>().ConfigureAwait(false);
        if (!VerifyClient(local, hello, serverNonce, response))
        {
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Auth)).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedAuth, $"'{hello.NodeName}' failed the cookie challenge");
        }

        await channel.WriteAsync(default(HandshakeAck)).ConfigureAwait(false);
        return new PeerInfo(hello.NodeName, hello.Incarnation, local.Capabilities & hello.Capabilities, version);
    }

    private static Bytes32 ServerProof(HandshakeOptions local, in Hello hello, Bytes32 serverNonce)
    {
        Span<byte> nc = stackalloc byte[Bytes32.Size];
        Span<byte> ns = stackalloc byte[Bytes32.Size];
        Span<byte> proof = stackalloc byte[Bytes32.Size];
        hello.Nonce.CopyTo(nc);
        serverNonce.CopyTo(ns);
        HandshakeProof.ComputeServer(local.Cookie, new ProofInput(nc, ns, hello.NodeName, local.NodeName), proof);
        return Bytes32.Create(proof);
    }

    private static bool VerifyClient(HandshakeOptions local, in Hello hello, Bytes32 serverNonce, in ChallengeResponse response)
    {
        Span<byte> nc = stackalloc byte[Bytes32.Size];
        Span<byte> ns = stackalloc byte[Bytes32.Size];
        Span<byte> proof = stackalloc byte[Bytes32.Size];
        hello.Nonce.CopyTo(nc);
        serverNonce.CopyTo(ns);
        response.Proof.CopyTo(proof);
        return HandshakeProof.VerifyClient(local.Cookie, new ProofInput(nc, ns, hello.NodeName, local.NodeName), proof);
    }
}
