using DistSys.Host.Cli;

namespace DistSys.Host.Client;

/// <summary>"HOST:PORT" (IPv6 in brackets), checked with the node command line's rules.</summary>
internal static class HostPort
{
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

        if (!CommandLine.IsValidHost(host) || !CommandLine.TryParsePort(text[(colon + 1)..], out var port))
        {
            return false;
        }

        endpoint = new Endpoint(host, port);
        return true;
    }
}
