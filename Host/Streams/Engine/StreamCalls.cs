using DistSys.Runtime;

namespace DistSys.Streams.Engine;

// The calls the API makes (through StreamMaster) and what the manager and runners tell each other.

/// <summary>Submit a validated topology; answered with its <see cref="StreamHandle"/> once it is in the store.</summary>
internal sealed record SubmitStream(string Name, Topology.TopologySpec Topology, string TopologyJson);

/// <summary>Stop a topology: answered with its handle once it has drained and stopped (or at once if it had ended).</summary>
internal sealed record StopStream(string Id);

/// <summary>To a runner: drain and stop, then answer the call.</summary>
internal sealed record StopRunner(CallRequest Call);
