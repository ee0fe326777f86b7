namespace DistSys.Host.Cli;

internal static class Usage
{
    public const string Text = """
        usage: distributed_system master HOST PORT [OPTIONS]
               distributed_system NAME HOST PORT MASTER_HOST MASTER_PORT [OPTIONS]
               distributed_system client HOST:PORT COMMAND ... [--token VALUE | --token-file FILE] [--ca FILE]
               distributed_system plugin [HOST:PORT] [--token VALUE | --token-file FILE] [--ca FILE] list | deploy NAME VERSION PATH | rollback NAME | stop NAME
               distributed_system certs DIR --nodes NAME[,NAME...] [--days N]
               distributed_system start [--workers N] [--port P] [--data-dir DIR]
               distributed_system demo
               distributed_system --help | --version

          master HOST PORT                         start the master node listening on HOST:PORT
          NAME HOST PORT MASTER_HOST MASTER_PORT   start a worker node NAME on HOST:PORT that joins the master
          client HOST:PORT COMMAND                 talk to a master's job service: submit batch NAME [CONFIG_JSON],
                                                   status JOB, wait JOB [--timeout S], results JOB [--out FILE],
                                                   list, cancel JOB, workers (--json on each; see docs/api.md)
          plugin [HOST:PORT] ...                   manage a node's plugins (see docs/plugins.md)
          certs DIR --nodes NAME,...               create a test cluster CA (ca.pem, ca.key) and NAME.pem/NAME.key per node
                                                   in DIR (keys 0600; --days N, default 365; see docs/security.md)
          start [--workers N] [--port P]           a master on 127.0.0.1:P (default 8080) and N workers (default 2) on the
                [--data-dir DIR]                   next ports, in the foreground until Ctrl-C/SIGTERM; files in DIR/NAME,
                                                   logs in DIR/NAME.log (default DIR ./data)
          demo                                     master + 2 workers on loopback run a job while a worker is killed

        HOST is an IPv4/IPv6 address or a host name; PORT is 1-65535.
        NAME is 1-64 characters of letters, digits, '-' and '_'.
        One port serves both the cluster protocol and HTTP (GET /healthz, /api/cluster, /api/status).
        Every HTTP request but GET /healthz needs Authorization: Bearer TOKEN, the node's API token.

        options (before or after the positional arguments; "--name value" or "--name=value"):
          --config FILE               JSON config file with the settings below (also DISTSYS_CONFIG)
          --cookie VALUE              cluster cookie; every node of a cluster needs the same one
          --cookie-file FILE          read the cookie from FILE (mode 0600)
          --data-dir DIR              where the node keeps its files (default ./data/NAME)
          --input-dir DIR             the only directory job input files are read from (default DATA_DIR/inputs)
          --log-level LEVEL           trace, debug, info, warning, error, critical or none (default info)
          --heartbeat-interval TIME   heartbeat period, e.g. 200ms (default 200ms)
          --failure-timeout TIME      silence after which a node is declared down, e.g. 800ms (default 800ms)
          --plugin-dir DIR            the only directory a deploy by path may name (default DATA_DIR/plugins)
          --bwrap-path FILE           bubblewrap, which sandboxes plugins (default /usr/bin/bwrap)
          --unsafe-plugin-sandbox     run plugins without bubblewrap when it is missing (a flag, no value)
          --api-token-file FILE       read the API token from FILE (mode 0600); also DISTSYS_API_TOKEN=VALUE
          --allowed-hosts A,B         answer HTTP only for these Host names (default: any; *.example.com allowed)
          --api-rate-limit N          HTTP requests per second per client address, 0 = off (default 200)
          --max-connections N         open connections on the port, cluster links included (default 1024)
          --tls-cert FILE             node certificate (PEM); with --tls-key and --tls-ca: mutual TLS for
          --tls-key FILE              cluster links and HTTPS on the one port (all three or none; see
          --tls-ca FILE               docs/security.md; `certs` creates them for a test cluster)

        Each option is also a DISTSYS_* environment variable (DISTSYS_DATA_DIR) and a config file key
        (data_dir). Precedence: command line > environment > config file > default. Without a cookie
        setting the node uses ~/.distsys.cookie (created with a random cookie when absent); without a token
        setting, ~/.distsys.token (created 0600 with 256 random bits), where the client finds it too.
        Exit codes: 0 stopped cleanly (SIGTERM/Ctrl-C), 1 runtime failure (port in use, cookie
        rejected), 2 bad arguments or settings. See docs/configuration.md.

        """;
}
