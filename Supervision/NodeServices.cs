namespace DistSys.Supervision;

/// <summary>The child ids of the node's own services under the <see cref="NodeSupervisor"/>.</summary>
public static class NodeServices
{
    /// <summary>Accepts cluster and HTTP connections on the node's port.</summary>
    public const string ConnectionAcceptor = "connection_acceptor";

    /// <summary>Cluster membership and failure detection.</summary>
    public const string Membership = "membership";

    /// <summary>Starts and watches plugin processes.</summary>
    public const string PluginManager = "plugin_manager";

    /// <summary>Runs the job service's tasks.</summary>
    public const string JobExecutor = "job_executor";
}
