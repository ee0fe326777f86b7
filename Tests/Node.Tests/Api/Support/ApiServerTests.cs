namespace DistSys.Node.Tests.Api.Support;

/// <summary>Base of the fixtures that talk to one real <see cref="ApiServer"/> started once per fixture.</summary>
public abstract class ApiServerTests
{
    private protected ApiServer Server { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync() => Server = await ApiServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync() => await Server.DisposeAsync();
}
