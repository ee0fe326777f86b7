namespace DistSys.Host.Processes;

/// <summary>One process in a top list.</summary>
internal sealed record TopProcessView(
    string Pid,
    string? Name,
    string Behaviour,
    string Status,
    int MailboxLength,
    long MessagesHandled,
    long MailboxBytes,
    int Links,
    int Monitors);

/// <summary>The node's figures beside a top list: enough for a client to derive rates between two reads.</summary>
internal sealed record NodeStatsView(
    int Processes,
    long Spawned,
    long Exited,
    long MessagesHandled,
    long HeapBytes,
    long WorkingSetBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseSeconds,
    double UptimeSeconds);

/// <summary>GET /api/processes/top.</summary>
internal sealed record TopView(string Node, string By, int N, double WalkMs, NodeStatsView Stats, IReadOnlyList<TopProcessView> Processes);

/// <summary>One supervisor or worker of the supervision tree.</summary>
internal sealed record SupervisionNodeView(string Id, string? Pid, string Type, int Restarts, IReadOnlyList<SupervisionNodeView>? Children);

/// <summary>GET /api/supervision: the node's tree from its root supervisor.</summary>
internal sealed record SupervisionView(string Node, bool Truncated, SupervisionNodeView Root);
