using System.Text.Json;
using DistSys.Runtime;
using DistSys.Streams.Storage;
using DistSys.Streams.Topology;

namespace DistSys.Streams.Engine;

/// <summary>
/// The master's streaming process (registered as <see cref="Name"/>): numbers and stores submitted
/// topologies, starts a linked runner for each, resumes the running ones from the store when it
/// starts, and starts a runner again if one crashes.
/// </summary>
internal sealed class StreamManager(StreamMaster master) : Behaviour
{
    public const string Name = "stream_manager";

    private readonly Dictionary<Pid, StreamHandle> _runners = [];
    private readonly Dictionary<string, Pid> _byId = new(StringComparer.Ordinal);
    private long _nextSeq;

    protected override ValueTask InitAsync(ProcessContext context)
    {
        _nextSeq = master.Store.MaxSeq() + 1;
        var resumed = 0;
        foreach (var row in master.Store.LoadStreams())
        {
            var (topology, _) = TopologyParser.Parse(JsonDocument.Parse(row.Topology).RootElement, master.Options.ResolveInput);
            var handle = topology is null ? null : new StreamHandle(row.Id, row.Name, topology, row.Topology, row.CreatedAt);
            if (handle is null)
            {
                master.Store.SetStatus(row.Id, StreamStatus.Failed, row.StoppedAt ?? row.CreatedAt, "its topology no longer parses");
                continue;
            }

            handle.Status = row.Status;
            handle.StoppedAt = row.StoppedAt;
            handle.Error = row.Error;
            master.Streams[row.Id] = handle;
            if (!row.Status.IsTerminal())
            {
                Run(context, handle);
                resumed++;
            }
        }

        StreamsLog.Resumed(master.Options.Logger, resumed);
        return default;
    }

    protected override ValueTask ReceiveAsync(ProcessContext context, object message)
    {
        switch (message)
        {
            case CallRequest { Request: SubmitStream submit } call:
                var seq = _nextSeq++;
                var handle = new StreamHandle($"job-s{seq}", submit.Name, submit.Topology, submit.TopologyJson, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                master.Store.Insert(new StreamRow(seq, handle.Id, handle.Name, handle.TopologyJson, StreamStatus.Running, handle.CreatedAt, null, null));
                master.Streams[handle.Id] = handle;
                Run(context, handle);
                StreamsLog.Started(master.Options.Logger, handle.Id, handle.Name, handle.Topology.Nodes.Count, handle.Topology.Nodes.Sum(n => n.Parallelism));
                call.Reply(handle);
                break;
            case CallRequest { Request: StopStream stop } call:
                if (_byId.TryGetValue(stop.Id, out var runner))
                {
                    context.Send(runner, new StopRunner(call));
                }
                else
                {
                    call.Reply(master.Streams.GetValueOrDefault(stop.Id));
                }

                break;
            case ExitMessage exit when _runners.Remove(exit.From, out var ended):
                _byId.Remove(ended.Id);
                if (!ended.Status.IsTerminal())
                {
                    Run(context, ended);
                }

                break;
            case ExitMessage exit:
                // Not a runner's: its supervisor shutting it down (it traps exits to watch its runners).
                context.Stop(exit.Reason);
                break;
        }

        return default;
    }

    private void Run(ProcessContext context, StreamHandle handle)
    {
        var pid = context.SpawnLink(new TopologyRunner(handle, master.Options, master.Store, master.LogFor, master.Placement), new SpawnOptions { TrapExit = true });
        _runners[pid] = handle;
        _byId[handle.Id] = pid;
    }
}
