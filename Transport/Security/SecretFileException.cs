namespace DistSys.Transport.Security;

/// <summary>A secret file broke one of <see cref="SecretFile"/>'s rules; the message names the file and the rule, never the content.</summary>
public sealed class SecretFileException : Exception
{
    public SecretFileException()
    {
    }

    public SecretFileException(string message)
        : base(message)
    {
    }

    public SecretFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
