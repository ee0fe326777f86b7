namespace DistSys.Plugins.Tests.Support;

/// <summary>Specs of the example plugins under Plugins/Examples, built next to the tests with the same configuration.</summary>
internal static class ExamplePlugins
{
    public static PluginSpec Echo(string workRoot) => Spec("echo", "1", "Echo", workRoot);

    public static PluginSpec WordFreq(string version, string workRoot) => Spec("wordfreq", version, $"WordFreqV{version}", workRoot);

    public static PluginSpec Faulty(string workRoot, string version = "1", bool healthy = true) =>
        Spec("faulty", version, "Faulty", workRoot) with { Arguments = healthy ? [version] : [version, "unhealthy"] };

    /// <summary>The faulty plugin started as "faulty 1 probe": it tries to start a child before the SDK runs.</summary>
    public static PluginSpec HostileProbe(string workRoot) => Spec("faulty", "1", "Faulty", workRoot) with { Arguments = ["1", "probe"] };

    private static PluginSpec Spec(string name, string version, string project, string workRoot) =>
        new(name, version, Assembly(project)) { WorkRoot = workRoot };

    private static string Assembly(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var repository = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "Plugins", "Examples", project, "bin", configuration, framework, $"DistSys.Plugins.Examples.{project}.dll");
        Assert.That(File.Exists(path), Is.True, $"example plugin not built at {path}");
        return path;
    }
}
