namespace DistSys.Supervision;

/// <summary>What count-children reports.</summary>
/// <param name="Specs">Child specs held (running or not).</param>
/// <param name="Active">Children running now.</param>
/// <param name="Supervisors">Specs of type supervisor.</param>
/// <param name="Workers">Specs of type worker.</param>
public readonly record struct ChildCounts(int Specs, int Active, int Supervisors, int Workers);
