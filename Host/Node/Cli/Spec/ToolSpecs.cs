namespace DistSys.Host.Cli.Spec;

/// <summary>The commands that are not a node nor a job or plugin client: top, certs, start, demo, completion, help.</summary>
internal static class ToolSpecs
{
    public static readonly CommandSpec Certs = new("certs",
        "create a test cluster CA (ca.pem, ca.key) and NAME.pem/NAME.key per node in DIR (keys 0600; see docs/security.md)")
    {
        Usage = ["certs DIR --nodes NAME[,NAME...] [--days N]"],
        Arguments = ValueKind.Directory,
        Options =
        [
            new("--nodes", "NAME[,NAME...]", "the nodes to create a certificate for (required)"),
            new("--days", "N", $"how long the certificates are valid, 1..{CertsCommand.MaxDays} (default {CertsCommand.DefaultDays})"),
        ],
        Examples = ["distributed_system certs certs --nodes master,worker1,worker2", "distributed_system certs /tmp/tls --nodes master --days 30"],
    };

    public static readonly CommandSpec Top = new("top",
        "a refreshing view of one node: processes, memory, messages/s, GC, and its top processes by mailbox, messages handled or mailbox memory")
    {
        Usage = ["top HOST:PORT [--once] [--json] [--by mailbox|handled|memory] [--limit N] [--token VALUE | --token-file FILE] [--ca FILE]"],
        Options =
        [
            new("--once", null, "print one view and exit (no refresh, no keys)"),
            ClientSpecs.Json with { Description = "with --once: print the node's JSON answer (GET /api/processes/top)" },
            new("--by", "KEY", "rank by mailbox (default), handled or memory; keys m, h and b switch while it runs, q quits")
            {
                Choices = ["mailbox", "handled", "memory"],
            },
            new("--limit", "N", $"how many processes, 1..{DistSys.Runtime.ProcessRuntime.MaxTop} (default {TopCommand.DefaultLimit})"),
            .. ClientSpecs.Credentials,
        ],
        Examples = ["distributed_system top 127.0.0.1:8080", "distributed_system top 127.0.0.1:8081 --once --json --by handled --limit 5"],
        Notes = ["The node computes the list in one walk of its process table without pausing it (docs/api.md, GET /api/processes/top). Exit 0, 1 when the node refuses or does not answer, 2 on bad arguments."],
    };

    public static readonly CommandSpec Start = new("start",
        "a master on 127.0.0.1:P and N workers on the next ports, in the foreground until Ctrl-C/SIGTERM")
    {
        Usage = ["start [--workers N] [--port P] [--data-dir DIR]"],
        Options =
        [
            new("--workers", "N", $"how many workers, 0..{StartCommand.MaxWorkers} (default {StartCommand.DefaultWorkers})"),
            new("--port", "P", $"the master's port; the workers take the next N (default {StartCommand.DefaultPort})"),
            new("--data-dir", "DIR", $"each node keeps its files in DIR/NAME and its log in DIR/NAME.log (default ./{StartCommand.DefaultDataDir})"),
        ],
        Examples = ["distributed_system start", "distributed_system start --workers 4 --port 9000 --data-dir /tmp/cluster"],
    };

    public static readonly CommandSpec Demo = new("demo", "master + 2 workers on loopback run a job while a worker is killed; with --ha, 2 masters on a PostgreSQL store while the leader is killed")
    {
        Usage = ["demo", "demo --ha [--store CONN]"],
        Options =
        [
            new("--ha", null, "two masters share a PostgreSQL database (one leads, one stands by) and the leader is killed mid-job (docs/ha.md)"),
            new("--store", "CONN", "with --ha: the PostgreSQL connection string (\"Host=…;Database=…;Username=…\"; default DISTSYS_STORE); use an empty database, the demo leaves its tables there"),
        ],
        Examples = ["distributed_system demo", "distributed_system demo --ha --store \"Host=127.0.0.1;Database=distsys;Username=distsys\""],
    };

    public static readonly CommandSpec Completion = new("completion", "print a shell completion script (bash)")
    {
        Usage = ["completion bash"],
        Subcommands = [new("bash", "a bash script of `complete -F`: commands, subcommands and options") { Usage = ["completion bash"] }],
        Examples = ["source <(distributed_system completion bash)", "distributed_system completion bash > /etc/bash_completion.d/distributed_system"],
    };

    public static readonly CommandSpec Help = new("help", "show the usage, or a command's options and examples")
    {
        Usage = ["help [COMMAND [SUBCOMMAND]]"],
        Examples = ["distributed_system help", "distributed_system help client submit", "distributed_system plugin deploy --help"],
    };
}
