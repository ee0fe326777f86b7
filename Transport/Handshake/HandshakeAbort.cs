namespace DistSys.Transport.Handshake;

/// <summary>Unwinds a handshake flow to its single exit, where it becomes a <see cref="HandshakeResult"/>.</summary>
internal sealed class HandshakeAbort : Exception
{
    public HandshakeAbort(HandshakeOutcome outcome, string detail)
        : base(detail)
    {
        Outcome = outcome;
    }

    public HandshakeAbort()
    {
    }

    public HandshakeAbort(string message)
        : base(message)
    {
    }

    public HandshakeAbort(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HandshakeOutcome Outcome { get; } = HandshakeOutcome.ProtocolError;
}
