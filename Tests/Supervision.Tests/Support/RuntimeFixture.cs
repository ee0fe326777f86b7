using DistSys.Runtime;

namespace DistSys.Supervision.Tests.Support;

/// <summary>A fresh <see cref="ProcessRuntime"/> per test for supervisors to run in, disposed after it.</summary>
public abstract class RuntimeFixture
{
    private protected ProcessRuntime Runtime { get; private set; } = null!;

    [SetUp]
    public void CreateRuntime() => Runtime = new ProcessRuntime();

    [TearDown]
    public void DisposeRuntime() => Runtime.Dispose();
}
