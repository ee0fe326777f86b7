namespace DistSys.Plugins.Sdk;

/// <summary>One named operation of a plugin.</summary>
/// <param name="Name">What callers ask for (ASCII letters, digits, '-', '_', '.'; at most 64 bytes).</param>
/// <param name="Handler">The code that answers it.</param>
/// <param name="Idempotent">
/// True when running it twice is harmless: the node then retries it once on a restarted instance if the
/// instance dies mid-request; otherwise such a request fails.
/// </param>
internal sealed record PluginOperation(string Name, OperationHandler Handler, bool Idempotent);
