using BenchmarkDotNet.Running;

namespace DistSys.Bench;

internal static class Program
{
    private static int Main(string[] args)
    {
        var filter = FilterOf(args);
        var suites = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
            .ToArray();
        if (filter is not null && !suites.Any(t => Matches(t.FullName!, filter)))
        {
            // An honest answer for a module whose suites have not been written yet.
            Console.WriteLine($"no benchmarks yet for '{filter}'");
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromTypes(suites).Run(args, BenchConfig.Create());
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static string? FilterOf(string[] args)
    {
        var i = Array.IndexOf(args, "--filter");
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static bool Matches(string name, string glob) =>
        System.Text.RegularExpressions.Regex.IsMatch(name + ".x", "^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$");
}
