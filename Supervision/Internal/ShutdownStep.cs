using DistSys.Runtime;

namespace DistSys.Supervision.Internal;

/// <summary>Children stopped together under one policy; steps run one after another.</summary>
internal sealed record ShutdownStep(IReadOnlyList<Pid> Pids, ShutdownPolicy Policy);
