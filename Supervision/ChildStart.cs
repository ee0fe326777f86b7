using DistSys.Runtime;

namespace DistSys.Supervision;

/// <summary>
/// Starts one child, running inside the supervisor's process: it returns the child's pid, linked
/// to the supervisor (<paramref name="supervisor"/>.SpawnLink, or <see cref="ChildStarts"/>). A
/// thrown exception is a start failure; a <see cref="CallException"/> contributes its reason.
/// </summary>
/// <param name="supervisor">The supervisor's own context.</param>
/// <param name="argument">The argument of a dynamic child (simple_one_for_one); null for static children.</param>
public delegate ValueTask<Pid> ChildStart(ProcessContext supervisor, object? argument);
