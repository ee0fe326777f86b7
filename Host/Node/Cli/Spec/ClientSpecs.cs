namespace DistSys.Host.Cli.Spec;

/// <summary><c>client HOST:PORT VERB ...</c> (the seed's <c>client.exe localhost:8080 submit ...</c>) and <c>plugin</c>'s shared options.</summary>
internal static class ClientSpecs
{
    public static readonly OptionSpec Json = new("--json", null, "print the raw JSON answer instead of a line");

    /// <summary>Every client command, the job client's and plugin's, takes these (<see cref="TokenArgs"/>).</summary>
    public static readonly IReadOnlyList<OptionSpec> Credentials =
    [
        new("--token", "VALUE", "the API token (default: DISTSYS_API_TOKEN, DISTSYS_API_TOKEN_FILE, ~/.distsys.token)"),
        new("--token-file", "FILE", "read the API token from FILE (mode 0600)"),
        new("--ca", "FILE", "trust this cluster CA (PEM) when the node serves HTTPS (docs/security.md)"),
    ];

    private static readonly IReadOnlyList<OptionSpec> Common = [Json, .. Credentials];

    public static readonly CommandSpec Submit = Verb("submit", "batch NAME [CONFIG_JSON] | streaming NAME TOPOLOGY_JSON|@FILE",
        "submit a batch job NAME (CONFIG_JSON: its config, docs/jobs.md) or a streaming topology (docs/streaming.md)") with
    {
        Examples =
        [
            "distributed_system client localhost:8080 submit streaming clicks @topology.json",
            "distributed_system client localhost:8080 submit batch \"Mi Trabajo\"",
            "distributed_system client localhost:8080 submit batch \"Multiplicar\" '{\"operation\":\"multiply\",\"factor\":3,\"task_count\":5}'",
        ],
    };

    public static readonly CommandSpec Status = Verb("status", "JOB", "print a job's status and progress (a streaming job's: per-node rates, backlog, acked, replayed)") with
    {
        Examples = ["distributed_system client localhost:8080 status JOB_ID"],
    };

    public static readonly CommandSpec Wait = Verb("wait", "JOB", "wait for a job to end, drawing its progress",
        new OptionSpec("--timeout", "S", "give up after S seconds (more than 0, at most 86400) and exit 124")) with
    {
        Examples = ["distributed_system client localhost:8080 wait JOB_ID", "distributed_system client localhost:8080 wait JOB_ID --timeout 60"],
        Notes = ["wait exits 0 when the job completed, 1 when it failed or was cancelled, 124 on --timeout."],
    };

    public static readonly CommandSpec Results = Verb("results", "JOB", "print a job's result",
        new OptionSpec("--out", "FILE", "stream the whole result to FILE as NDJSON, part after part")) with
    {
        Examples = ["distributed_system client localhost:8080 results JOB_ID", "distributed_system client localhost:8080 results JOB_ID --out result.ndjson"],
    };

    public static readonly CommandSpec List = Verb("list", null, "list the master's jobs") with
    {
        Examples = ["distributed_system client localhost:8080 list", "distributed_system client localhost:8080 list --json"],
    };

    public static readonly CommandSpec Cancel = Verb("cancel", "JOB", "cancel a job") with
    {
        Examples = ["distributed_system client localhost:8080 cancel JOB_ID"],
    };

    public static readonly CommandSpec Retry = Verb("retry", "JOB", "run a failed or cancelled job again: its completed tasks are kept") with
    {
        Examples = ["distributed_system client localhost:8080 retry JOB_ID"],
    };

    public static readonly CommandSpec Stop = Verb("stop", "JOB", "stop a streaming job: its events in flight drain, then it stops") with
    {
        Examples = ["distributed_system client localhost:8080 stop JOB_ID"],
    };

    public static readonly CommandSpec Tail = Verb("tail", "JOB SINK", "follow a streaming job's collect sink, printing its events as NDJSON until the job ends") with
    {
        Examples = ["distributed_system client localhost:8080 tail JOB_ID out"],
    };

    public static readonly CommandSpec Workers = Verb("workers", null, "list the workers the master knows, with their tasks") with
    {
        Examples = ["distributed_system client localhost:8080 workers"],
    };

    public static readonly CommandSpec Masters = Verb("masters", null, "show which master leads, its epoch and the standbys (masters on a shared store, docs/ha.md)") with
    {
        Examples = ["distributed_system client localhost:8080,localhost:9080 masters"],
    };

    public static readonly CommandSpec Client = new("client", "talk to a master's job service (see docs/api.md)")
    {
        Usage = ["client HOST:PORT COMMAND [ARGS] [--json] [--token VALUE | --token-file FILE] [--ca FILE]"],
        Options = Common,
        Subcommands = [Submit, Status, Wait, Results, List, Cancel, Retry, Stop, Tail, Workers, Masters],
        Examples =
        [
            "distributed_system client localhost:8080 submit batch \"Mi Trabajo\"",
            "distributed_system client localhost:8080 wait JOB_ID",
        ],
        Notes =
        [
            "Every command takes --json and the credentials; --timeout is wait's, --out is results'.",
            "HOST:PORT may list several masters, HOST:PORT,HOST:PORT (a shared store's leader and standbys): a request that finds one down or a standby (503) tries the next for up to 30 s; a submit sends an Idempotency-Key, so a retry creates one job at most (docs/ha.md).",
            "wait exits 0 when the job completed, 1 when it failed or was cancelled, 124 on --timeout.",
        ],
    };

    /// <summary>A verb's usage line shows its own options and --json; the credentials are said once, under all of them.</summary>
    private static CommandSpec Verb(string name, string? arguments, string summary, params OptionSpec[] own) => new(name, summary)
    {
        Usage = [$"client HOST:PORT {name}{(arguments is null ? "" : " " + arguments)}{string.Concat(own.Select(o => $" [{o.Label}]"))} [--json]"],
        Options = [.. own, .. Common],
    };
}
