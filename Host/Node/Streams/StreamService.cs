using DistSys.Host.Hosting;
using DistSys.Jobs.Inputs;
using DistSys.Runtime.Distribution;
using DistSys.Streams;
using DistSys.Streams.Engine;
using Microsoft.Extensions.Configuration;

namespace DistSys.Host.Streams;

/// <summary>
/// The streaming service's hook into a node: on the master the manager (under the node supervisor),
/// the store and source logs under the data directory, and the /api/streams endpoints; the job
/// endpoints take its <see cref="StreamMaster"/> for submit, status and stop. On every node the streaming
/// messages and the instance behaviour a master's runners spawn on workers (docs/streaming.md, "Placement"),
/// both given the node's plugins for <c>plugin:NAME</c> operators.
/// </summary>
internal static class StreamService
{
    /// <summary>Adds the service to a master and returns it; on a worker only the instance behaviour, and null.</summary>
    public static StreamMaster? AddTo(NodeContext context, IStreamPlugins? plugins = null)
    {
        var cluster = context.Cluster;
        StreamWire.Register(cluster.MessageTypes);
        cluster.Behaviours.Register<InstanceArgs>(StreamWire.InstanceBehaviour, args => RemoteInstance.Create(args, cluster.Runtime, cluster.Name, plugins));
        if (cluster.Role != NodeRole.Master)
        {
            return null;
        }

        var inputs = new InputRoot(context.Settings.InputDirectory);
        var master = new StreamMaster(cluster.Runtime, new StreamOptions
        {
            DataDirectory = Path.Combine(context.DataDirectory, "streams"),
            OutputDirectory = Path.Combine(context.DataDirectory, "outputs"),
            ResolveInput = name => Resolve(inputs, name),
            LogBytes = context.Configuration.GetValue("streams:log_bytes", StreamOptions.DefaultLogBytes),
            Place = cluster.Name,
            Plugins = plugins,
            Logger = context.LoggerFactory.CreateLogger("DistSys.Streams"),
        }, cluster);
        if (master.Options.LogBytes is < 1 << 10 or > 1L << 40)
        {
            throw new ArgumentOutOfRangeException(nameof(context), "streams:log_bytes must be from 1024 to 2^40");
        }

        context.AddService(master.ManagerSpec);
        context.MapEndpoints(app => app.MapStreamEndpoints(master));
        return master;
    }

    // The input root's own rules decide (inside the root, a regular file); the source reads the path it names.
    private static (string? Path, string? Refusal) Resolve(InputRoot inputs, string name)
    {
        using var handle = inputs.Open(name, out var refusal);
        return handle is null ? (null, refusal) : (Path.GetFullPath(Path.Combine(inputs.Directory, name)), null);
    }
}
