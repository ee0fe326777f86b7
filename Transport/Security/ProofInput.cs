namespace DistSys.Transport.Security;

/// <summary>What both handshake proofs cover: both nonces and both node names.</summary>
internal readonly ref struct ProofInput
{
    public ProofInput(ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce, string clientName, string serverName)
    {
        ClientNonce = clientNonce;
        ServerNonce = serverNonce;
        ClientName = clientName;
        ServerName = serverName;
    }

    public ReadOnlySpan<byte> ClientNonce { get; }

    public ReadOnlySpan<byte> ServerNonce { get; }

    public string ClientName { get; }

    public string ServerName { get; }
}
