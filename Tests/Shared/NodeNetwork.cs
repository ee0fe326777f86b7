namespace DistSys.Tests.Shared;

/// <summary>
/// Where a <see cref="NodeProcess"/> runs when it is not on the test's loopback: a network namespace the test
/// created, the node's address in it, and an HTTP client whose sockets reach that address (they are opened
/// inside the test's own control namespace, so no traffic touches the machine's real network).
/// </summary>
internal sealed record NodeNetwork(string Namespace, string Address, HttpClient Http);
