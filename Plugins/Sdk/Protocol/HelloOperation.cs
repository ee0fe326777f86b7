namespace DistSys.Plugins.Sdk.Protocol;

/// <summary>One operation as the hello announces it.</summary>
internal sealed record HelloOperation(string Name, bool Idempotent);
