using DistSys.Transport.Messages;

namespace DistSys.Transport.Handshake;

internal static partial class ClusterHandshake
{
    private static async Task<PeerInfo> RunClientAsync(HandshakeChannel channel, HandshakeOptions local)
    {
        channel.Stage(new Hello(local.NodeName, local.Incarnation, local.Capabilities, Bytes32.Random()));
        channel.BindStaged();
        await channel.SendStagedAsync().ConfigureAwait(false);

        var version = await channel.ReadPreambleAsync().ConfigureAwait(false);
        var challenge = await channel.ReadAsync<Challenge>(bind: true, unboundTail: Bytes32.Size).ConfigureAwait(false);
        if (!local.Accepts(version))
        {
            throw new HandshakeAbort(HandshakeOutcome.RefusedVersion, $"the server speaks version {version}");
        }

        // The transcript now holds both opening messages as this side saw them; any field a relay changed
        // on the way in either direction makes it differ from the server's.
        if (!Verify(local.Cookie, Role.Server, channel, challenge.Proof))
        {
            // The server does not hold our cookie, or someone changed the transcript: tell it no more than "Auth" and go.
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Auth)).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedAuth, "the server's proof does not match our cookie and transcript");
        }

        AppendProof(channel, challenge.Proof);
        var proof = Prove(local.Cookie, Role.Client, channel);
        await channel.WriteAsync(new ChallengeResponse(proof)).ConfigureAwait(false);
        await channel.ReadAsync<HandshakeAck>().ConfigureAwait(false);
        return new PeerInfo(challenge.NodeName, challenge.Incarnation, local.Capabilities & challenge.Capabilities, version);
    }
}
