using DistSys.Transport.Messages;

namespace DistSys.Transport.Handshake;

internal static partial class ClusterHandshake
{
    private static async Task<PeerInfo> RunServerAsync(HandshakeChannel channel, HandshakeOptions local)
    {
        var version = await channel.ReadPreambleAsync().ConfigureAwait(false);
        if (!local.Accepts(version))
        {
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Version), withPreamble: true).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedVersion, $"the client speaks version {version}");
        }

        var hello = await channel.ReadAsync<Hello>(bind: true).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(hello.NodeName) || string.Equals(hello.NodeName, local.NodeName, StringComparison.Ordinal))
        {
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Name), withPreamble: true).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedName, $"unacceptable node name '{hello.NodeName}'");
        }

        // The proof is the Challenge's last field and covers every byte before it, so it is staged with a
        // blank proof, bound, signed, and patched in before anything is sent.
        channel.Stage(new Challenge(local.NodeName, local.Incarnation, local.Capabilities, Bytes32.Random(), default));
        channel.BindStaged(unboundTail: Bytes32.Size);
        var proof = Prove(local.Cookie, Role.Server, channel);
        channel.PatchStagedTail(proof);
        await channel.SendStagedAsync().ConfigureAwait(false);

        var response = await channel.ReadAsync<ChallengeResponse>().ConfigureAwait(false);
        AppendProof(channel, proof);
        if (!Verify(local.Cookie, Role.Client, channel, response.Proof))
        {
            await channel.WriteAsync(new HandshakeRefused(RefusalReason.Auth)).ConfigureAwait(false);
            throw new HandshakeAbort(HandshakeOutcome.RefusedAuth, $"'{hello.NodeName}' failed the cookie challenge");
        }

        await channel.WriteAsync(default(HandshakeAck)).ConfigureAwait(false);
        return new PeerInfo(hello.NodeName, hello.Incarnation, local.Capabilities & hello.Capabilities, version);
    }
}
