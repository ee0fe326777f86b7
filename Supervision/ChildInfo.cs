using DistSys.Runtime;

namespace DistSys.Supervision;

/// <summary>One child as reported by which-children.</summary>
/// <param name="Id">Its id (the template's id for a dynamic child).</param>
/// <param name="Pid">Its pid, or <see cref="Pid.None"/> if it is not running.</param>
/// <param name="Type">Worker or supervisor.</param>
/// <param name="Restarts">How many times this supervisor restarted it.</param>
public readonly record struct ChildInfo(string Id, Pid Pid, ChildType Type, int Restarts);
