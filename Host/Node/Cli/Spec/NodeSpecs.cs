namespace DistSys.Host.Cli.Spec;

/// <summary>The two node lines of the seed, <c>master HOST PORT</c> and <c>NAME HOST PORT MASTER_HOST MASTER_PORT</c>, and the options both take.</summary>
internal static class NodeSpecs
{
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("--config", "FILE", "JSON config file with the settings below (also DISTSYS_CONFIG)"),
        new("--cookie", "VALUE", "cluster cookie; every node of a cluster needs the same one"),
        new("--cookie-file", "FILE", "read the cookie from FILE (mode 0600)"),
        new("--data-dir", "DIR", "where the node keeps its files (default ./data/NAME)"),
        new("--input-dir", "DIR", "the only directory job input files are read from (default DATA_DIR/inputs)"),
        new("--log-level", "LEVEL", "trace, debug, info, warning, error, critical or none (default info)")
        {
            Choices = ["trace", "debug", "info", "warning", "error", "critical", "none"],
        },
        new("--log-format", "FORMAT", "text or json: one JSON object per log line, event ids kept (default text)")
        {
            Choices = ["text", "json"],
        },
        new("--heartbeat-interval", "TIME", "heartbeat period, e.g. 200ms (default 200ms)"),
        new("--failure-timeout", "TIME", "silence after which a node is declared down, e.g. 800ms (default 800ms)"),
        new("--plugin-dir", "DIR", "the only directory a deploy by path may name (default DATA_DIR/plugins)"),
        new("--bwrap-path", "FILE", "bubblewrap, which sandboxes plugins (default /usr/bin/bwrap)"),
        new(CommandLine.UnsafePluginSandbox, null, "run plugins without bubblewrap when it is missing (a flag, no value)"),
        new(CommandLine.MetricsPublic, null, "serve GET /metrics without the API token; every other route still needs it (a flag)"),
        new("--otlp-endpoint", "URL", "export traces over OTLP (http://host:4317 gRPC, or .../v1/traces for HTTP); off by default"),
        new("--api-token-file", "FILE", "read the API token from FILE (mode 0600); also DISTSYS_API_TOKEN=VALUE"),
        new("--allowed-hosts", "A,B", "answer HTTP only for these Host names (default: any; *.example.com allowed)"),
        new("--api-rate-limit", "N", "HTTP requests per second per client address, 0 = off (default 200)"),
        new("--max-connections", "N", "open connections on the port, cluster links included (default 1024)"),
        new("--max-memory", "MIB", "refuse new work (503) at 90 % of this resident memory (default 0: off)"),
        new("--tls-cert", "FILE", "node certificate (PEM); with --tls-key and --tls-ca: mutual TLS for cluster links and HTTPS on the one port (all three or none; see docs/security.md; `certs` creates them for a test cluster)"),
        new("--tls-key", "FILE", "the node certificate's private key (PEM)"),
        new("--tls-ca", "FILE", "the cluster CA (PEM) that signed every node's certificate"),
        new("--store", "CONNECTION", "master: a PostgreSQL store shared by several masters, \"Host=...;Database=...;Username=...\" (default: SQLite in DATA_DIR/jobs); one leads, the others stand by (docs/ha.md)"),
        new("--lease-renew", "TIME", "master on a shared store: how often the leader renews its lease (default 500ms)"),
        new("--lease-ttl", "TIME", "master on a shared store: how long a lease lasts unrenewed before a standby may take over (default 2s)"),
        new("--masters", "H:P,H:P", "worker: more masters to try after MASTER_HOST MASTER_PORT (the standbys of a shared store); joins and rejoins go round them until the leader accepts (docs/ha.md)"),
    ];

    private static readonly string[] SettingNotes =
    [
        "Options stand before or after the positional arguments, as \"--name value\" or \"--name=value\".",
        "Each option is also a DISTSYS_* environment variable (DISTSYS_DATA_DIR) and a config file key (data_dir). " +
        "Precedence: command line > environment > config file > default. Without a cookie setting the node uses " +
        "~/.distsys.cookie (created with a random cookie when absent); without a token setting, ~/.distsys.token " +
        "(created 0600 with 256 random bits), where the client finds it too.",
        "Exit codes: 0 stopped cleanly (SIGTERM/Ctrl-C), 1 runtime failure (port in use, cookie rejected), " +
        "2 bad arguments or settings. See docs/configuration.md.",
    ];

    public static readonly CommandSpec Master = new("master", "start the master node listening on HOST:PORT")
    {
        Usage = ["master HOST PORT [OPTIONS]"],
        Options = Options,
        Examples =
        [
            "distributed_system master 127.0.0.1 8080",
            "distributed_system master 0.0.0.0 8080 --data-dir /var/lib/distsys/master --log-level debug",
        ],
        Notes = SettingNotes,
    };

    public static readonly CommandSpec Worker = new("worker", "start a worker node NAME on HOST:PORT that joins the master at MASTER_HOST:MASTER_PORT")
    {
        Usage = ["NAME HOST PORT MASTER_HOST MASTER_PORT [OPTIONS]"],
        Options = Options,
        Examples =
        [
            "distributed_system worker1 127.0.0.1 8081 127.0.0.1 8080",
            "distributed_system worker2 127.0.0.1 8082 127.0.0.1 8080 --heartbeat-interval 100ms --failure-timeout=1s",
        ],
        Notes = ["NAME is 1-64 characters of letters, digits, '-' and '_'; any word that is not a command names a worker.", .. SettingNotes],
        IsWord = false,
    };
}
