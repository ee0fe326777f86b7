using System.Security.Cryptography;
using System.Text;

namespace DistSys.Host.Api.Security;

/// <summary>
/// The secret an HTTP client proves with <c>Authorization: Bearer TOKEN</c>. Only its SHA-256 is kept for
/// the check, so comparing a presented token takes the same time whatever its length or content.
/// <see cref="ToString"/> never shows it.
/// </summary>
internal sealed class ApiToken
{
    public const int MinLength = 16;
    public const int MaxLength = 1024;

    /// <summary>What the token may hold: visible ASCII, as it travels in an HTTP header and a shell variable.</summary>
    public const string Expected = "16 to 1024 visible ASCII characters (no spaces)";

    private readonly string _text;
    private readonly byte[] _hash;

    private ApiToken(string text, string origin)
    {
        _text = text;
        _hash = SHA256.HashData(Encoding.ASCII.GetBytes(text));
        Origin = origin;
    }

    /// <summary>Where the token came from, for logs and error lines; never the value.</summary>
    public string Origin { get; }

    /// <summary>The <c>Authorization</c> header value a client sends.</summary>
    public string HeaderValue => "Bearer " + _text;

    /// <summary>A token from its text, surrounding whitespace trimmed.</summary>
    /// <exception cref="ArgumentException">The text breaks <see cref="Expected"/> (the message does not quote it).</exception>
    public static ApiToken FromText(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length is < MinLength or > MaxLength || !trimmed.All(c => c is > ' ' and <= '~'))
        {
            throw new ArgumentException($"an API token must be {Expected}", nameof(text));
        }

        return new ApiToken(trimmed, origin);
    }

    /// <summary>256 random bits as 64 lower-case hex digits.</summary>
    public static string NewRandomText() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when <paramref name="presented"/> is this token: SHA-256 of both, compared in constant time.</summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        if (presented.Length is 0 or > MaxLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaxLength * 3];
        var count = Encoding.UTF8.GetBytes(presented, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..count], hash);
        return CryptographicOperations.FixedTimeEquals(hash, _hash);
    }

    public override string ToString() => $"API token from {Origin}";
}
