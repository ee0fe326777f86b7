using DistSys.Transport.Security;

namespace DistSys.Transport.Tests.Security;

[TestFixture]
public sealed class HandshakeProofTests
{
    private static readonly byte[] s_transcript = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly ClusterCookie s_cookie = ClusterCookie.FromText("secret");

    [Test]
    public void VerifyServer_ProofFromSameCookie_Succeeds()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(s_cookie, s_transcript, proof);
        Assert.That(HandshakeProof.VerifyServer(s_cookie, s_transcript, proof), Is.True);
    }

    [Test]
    public void VerifyServer_ProofFromOtherCookie_Fails()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(ClusterCookie.FromText("secreT"), s_transcript, proof);
        Assert.That(HandshakeProof.VerifyServer(s_cookie, s_transcript, proof), Is.False);
    }

    [Test]
    public void VerifyClient_ServerProofReflectedBack_Fails()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(s_cookie, s_transcript, proof);
        Assert.That(HandshakeProof.VerifyClient(s_cookie, s_transcript, proof), Is.False);
    }

    [Test]
    public void VerifyServer_TranscriptDiffersInOneBit_Fails()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(s_cookie, s_transcript, proof);
        var other = s_transcript.ToArray();
        other[17] ^= 1;
        Assert.That(HandshakeProof.VerifyServer(s_cookie, other, proof), Is.False);
    }

    [Test]
    public void VerifyServer_TruncatedProof_Fails()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(s_cookie, s_transcript, proof);
        Assert.That(HandshakeProof.VerifyServer(s_cookie, s_transcript, proof.AsSpan(0, 31)), Is.False);
    }
}
