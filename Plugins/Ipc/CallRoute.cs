using DistSys.Plugins.Manager;
using DistSys.Transport.Framing;

namespace DistSys.Plugins.Ipc;

/// <summary>
/// Where a manager-level request came from, kept in its slot so the slot itself can finish the call
/// (leave the deployment, answer the version, retry an idempotent operation once) without an async
/// state machine per request.
/// </summary>
internal readonly record struct CallRoute(PluginManager Manager, PluginDeployment Deployment, string Name, string Operation, bool Idempotent, FrameFlags Flags);
