using DistSys.Host.Cli.Spec;

namespace DistSys.Host.Cli;

internal static partial class CommandLine
{
    // The options without a value: flags, "--unsafe-plugin-sandbox" (or "=true"/"=false").
    internal const string UnsafePluginSandbox = "--unsafe-plugin-sandbox";
    internal const string MetricsPublic = "--metrics-public";

    /// <summary>
    /// Splits the node options out of <paramref name="args"/>, wherever they stand, leaving the
    /// positional arguments in order. Returns a usage error for an unknown, repeated or valueless option.
    /// </summary>
    private static UsageError? SplitOptions(IReadOnlyList<string> args, List<string> positional, out NodeOptionArgs options)
    {
        options = NodeOptionArgs.None;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            // Only "--" starts an option: a lone "-" prefix is data ("-1" must reach the port check and be named there).
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            // The options a node takes are the ones its help lists (NodeSpecs); each but the flag needs a value.
            if (NodeSpecs.Options.FirstOrDefault(o => o.Name == name) is not { } spec)
            {
                return new UsageError($"unknown option '{name}'");
            }

            if (!seen.Add(name))
            {
                return new UsageError($"option {name} is given twice");
            }

            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (!spec.TakesValue)
            {
                value = "true";
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                return new UsageError($"option {name} needs a value");
            }

            options = With(options, name, value);
        }

        return null;
    }

    private static NodeOptionArgs With(NodeOptionArgs options, string name, string value) => name switch
    {
        "--config" => options with { ConfigFile = value },
        "--cookie" => options with { Cookie = value },
        "--cookie-file" => options with { CookieFile = value },
        "--data-dir" => options with { DataDir = value },
        "--input-dir" => options with { InputDir = value },
        "--log-level" => options with { LogLevel = value },
        "--heartbeat-interval" => options with { HeartbeatInterval = value },
        "--failure-timeout" => options with { FailureTimeout = value },
        "--plugin-dir" => options with { PluginDir = value },
        "--bwrap-path" => options with { BwrapPath = value },
        UnsafePluginSandbox => options with { UnsafePluginSandbox = value },
        MetricsPublic => options with { MetricsPublic = value },
        "--log-format" => options with { LogFormat = value },
        "--otlp-endpoint" => options with { OtlpEndpoint = value },
        "--api-token-file" => options with { ApiTokenFile = value },
        "--allowed-hosts" => options with { AllowedHosts = value },
        "--api-rate-limit" => options with { ApiRateLimit = value },
        "--max-connections" => options with { MaxConnections = value },
        "--max-memory" => options with { MaxMemory = value },
        "--tls-cert" => options with { TlsCert = value },
        "--tls-key" => options with { TlsKey = value },
        "--tls-ca" => options with { TlsCa = value },
        "--store" => options with { Store = value },
        "--lease-renew" => options with { LeaseRenew = value },
        "--lease-ttl" => options with { LeaseTtl = value },
        "--masters" => options with { Masters = value },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a node option"),
    };
}
