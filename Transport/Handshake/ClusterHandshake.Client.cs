using DistSys.Transport.Messages;

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

        if (!Verify(local.Cookie, Role.Server, clientNonce, challenge.Nonce, local.NodeName, challenge.NodeName, challenge.Proof))
        {
            // The server does not hold our cookie: tell it no more than "Auth" and go.
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Auth)).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedAuth, "the server's proof does not match our cookie");
        }

        var proof = Prove(local.Cookie, Role.Client, clientNonce, challenge.Nonce, local.NodeName, challenge.NodeName);
        await channel.WriteAsync(new ChallengeResponse(proof)).ConfigureAwait(false);
        await channel.ReadAsync<HandshakeAck>().ConfigureAwait(false);
        return new PeerInfo(challenge.NodeName, challenge.Incarnation, local.Capabilities & challenge.Capabilities, version);
    }
}
