using System.IO.Pipelines;
using System.Net;

namespace DistSys.Transport.Connections;

/// <summary>
/// Takes inbound connections that are not the cluster protocol (HTTP on the node's one port, for
/// example). The pipe still holds every byte read so far: the sniffer examined them but consumed none.
/// </summary>
public interface IForeignConnectionHandler
{
    /// <summary>Serves the connection; the listener releases the socket when this completes.</summary>
    Task HandleAsync(IDuplexPipe transport, EndPoint? remote, CancellationToken cancellationToken);
}
