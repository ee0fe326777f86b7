namespace DistSys.Runtime;

/// <summary>A message sent with Cast, so a <see cref="GenServer"/> can tell it from other messages.</summary>
/// <param name="Message">What was cast.</param>
internal sealed record CastMessage(object Message);
