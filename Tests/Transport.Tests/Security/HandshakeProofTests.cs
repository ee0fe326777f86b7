using DistSys.Transport.Security;

namespace DistSys.Transport.Tests.Security;

[TestFixture]
public sealed class HandshakeProofTests
{
    private static readonly byte[] s_clientNonce = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] s_serverNonce = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly ClusterCookie s_cookie = ClusterCookie.FromText("secret");

    [Test]
    public void VerifyServer_ProofFromSameCookie_Succeeds()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(s_cookie, Input("a", "b"), proof);
        Assert.That(HandshakeProof.VerifyServer(s_cookie, Input("a", "b"), proof), Is.True);
    }

    [Test]
    public void VerifyServer_ProofFromOtherCookie_Fails()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(ClusterCookie.FromText("secreT"), Input("a", "b"), proof);
        Assert.That(HandshakeProof.VerifyServer(s_cookie, Input("a", "b"), proof), Is.False);
    }

    [Test]
    public void VerifyClient_ServerProofReflectedBack_Fails()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(s_cookie, Input("a", "b"), proof);
        Assert.That(HandshakeProof.VerifyClient(s_cookie, Input("a", "b"), proof), Is.False);
    }

    [Test]
    public void VerifyServer_NamesShiftedBetweenFields_Fails()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(s_cookie, Input("ab", "c"), proof);
        Assert.That(HandshakeProof.VerifyServer(s_cookie, Input("a", "bc"), proof), Is.False);
    }

    [Test]
    public void VerifyServer_TruncatedProof_Fails()
    {
        var proof = new byte[HandshakeProof.Size];
        HandshakeProof.ComputeServer(s_cookie, Input("a", "b"), proof);
        Assert.That(HandshakeProof.VerifyServer(s_cookie, Input("a", "b"), proof.AsSpan(0, 31)), Is.False);
    }

    private static ProofInput Input(string client, string server) => new(s_clientNonce, s_serverNonce, client, server);
}
