namespace DistSys.Transport.Security;

/// <summary>The cluster cookie could not be obtained safely (for example a cookie file readable by others).</summary>
public sealed class CookieException : Exception
{
    public CookieException()
    {
    }

    public CookieException(string message)
        : base(message)
    {
    }

    public CookieException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
