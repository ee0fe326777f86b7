namespace DistSys.Runtime.Tests.Support;

/// <summary>A fresh <see cref="ProcessRuntime"/> per test, disposed (its processes killed) after it.</summary>
public abstract class RuntimeFixture
{
    private protected ProcessRuntime Runtime { get; private set; } = null!;

    [SetUp]
    public void CreateRuntime() => Runtime = new ProcessRuntime();

    [TearDown]
    public void DisposeRuntime() => Runtime.Dispose();
}
