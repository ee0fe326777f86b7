namespace DistSys.Host.Cli;

/// <summary>What <c>plugin</c> asks a node to do.</summary>
internal enum PluginAction
{
    List,
    Deploy,
    Rollback,
    Stop,
}

/// <summary>
/// <c>plugin [HOST:PORT] [--json] [--token VALUE | --token-file FILE] list | deploy NAME VERSION PATH | rollback NAME | stop NAME</c>, sent over HTTP
/// to the node (127.0.0.1:8080 unless given).
/// </summary>
internal sealed record PluginClientCommand(Endpoint Node, PluginAction Action, string? Name = null, string? Version = null, string? Path = null) : Command
{
    /// <summary>--token / --token-file; neither means the environment or ~/.distsys.token.</summary>
    public TokenArgs Tokens { get; init; }

    /// <summary>--json: print the node's answer as it is instead of lines.</summary>
    public bool Json { get; init; }
}
