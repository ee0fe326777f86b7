using DistSys.Transport.Messages;

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
        var proof = Prove(local.Cookie, Role.Server, hello.Nonce, serverNonce, hello.NodeName, local.NodeName);
        var challenge = new Challenge(local.NodeName, local.Incarnation, local.Capabilities, serverNonce, proof);
        await channel.WriteAsync(challenge, withPreamble: true).ConfigureAwait(false);

        var response = await channel.ReadAsync<ChallengeResponse>().ConfigureAwait(false);
        if (!Verify(local.Cookie, Role.Client, hello.Nonce, serverNonce, hello.NodeName, local.NodeName, response.Proof))
        {
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Auth)).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedAuth, $"'{hello.NodeName}' failed the cookie challenge");
        }

        await channel.WriteAsync(default(HandshakeAck)).ConfigureAwait(false);
        return new PeerInfo(hello.NodeName, hello.Incarnation, local.Capabilities & hello.Capabilities, version);
    }
}
