namespace DistSys.Runtime;

/// <summary>A message sent with Cast, so a <see cref="GenServer"/> can tell it from other messages.</summary>
/// <param name="Message">What was cast.</param>
public sealed record CastMessage(object Message);
