using System.Globalization;
using System.Net;

namespace DistSys.Host;

/// <summary>
/// A host and port, as the node command line, the client, the plugin command and the worker register
/// endpoint take them: one set of rules, so an address one accepts the others accept too.
/// </summary>
internal readonly record struct Endpoint(string Host, int Port)
{
    private const int MaxHostLength = 253;

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>"HOST:PORT" (an IPv6 host in brackets).</summary>
    public static bool TryParse(string text, out Endpoint endpoint)
    {
        endpoint = default;
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (!IsValidHost(host) || !TryParsePort(text[(colon + 1)..], out var port))
        {
            return false;
        }

        endpoint = new Endpoint(host, port);
        return true;
    }

    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    /// <summary>An IPv4 dotted quad, an IPv6 address, or an RFC 1123 host name.</summary>
    public static bool IsValidHost(string host)
    {
        if (host.Length is 0 or > MaxHostLength)
        {
            return false;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        // Digits and dots only: must be a dotted quad. IPAddress.TryParse alone would take "70000" as 0.1.17.112.
        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            var parts = host.Split('.');
            return parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
        }

        // RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
