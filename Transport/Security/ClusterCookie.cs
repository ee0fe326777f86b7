using System.Security.Cryptography;
using System.Text;

namespace DistSys.Transport.Security;

/// <summary>
/// The shared secret every node of one cluster holds. It never travels on the wire: the handshake
/// proves knowledge of it with HMAC-SHA256 over both sides' nonces.
/// </summary>
public sealed class ClusterCookie
{
    /// <summary>Longest cookie accepted, so a hostile config or file cannot make us hash megabytes.</summary>
    public const int MaxBytes = 1024;

    private readonly byte[] _key;

    private ClusterCookie(byte[] key) => _key = key;

    /// <summary>Where the cookie came from (config, environment, file), for logs; never the value.</summary>
    public CookieOrigin Origin { get; private init; }

    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>Creates a cookie from its text; surrounding whitespace is ignored.</summary>
    /// <exception cref="ArgumentException">The text is empty or longer than <see cref="MaxBytes"/>.</exception>
    public static ClusterCookie FromText(string text, CookieOrigin origin = CookieOrigin.Config)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || Encoding.UTF8.GetByteCount(trimmed) > MaxBytes)
        {
            throw new ArgumentException($"A cluster cookie must be 1..{MaxBytes} bytes of text.", nameof(text));
        }

        return new ClusterCookie(Encoding.UTF8.GetBytes(trimmed)) { Origin = origin };
    }

    /// <summary>A fresh random cookie: 32 characters from an unambiguous alphabet.</summary>
    public static string NewRandomText() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 32);
}
