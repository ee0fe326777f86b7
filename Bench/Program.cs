using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

namespace DistSys.Bench;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["wordcount-baseline", var path])
        {
            return Jobs.WordCountBaseline.Run(path);
        }

        if (args is ["streams-baseline", var topology, var warmup, var seconds, var sink and ("collect" or "discard")])
        {
            return Streams.ChannelPipelineBaseline.Run(topology, double.Parse(warmup, CultureInfo.InvariantCulture), double.Parse(seconds, CultureInfo.InvariantCulture), sink == "collect");
        }

        if (args is ["metrics-scrape", var processes, var jobs, var samples])
        {
            return Metrics.ScrapeCost.RunAsync(int.Parse(processes, CultureInfo.InvariantCulture), int.Parse(jobs, CultureInfo.InvariantCulture),
                int.Parse(samples, CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
        }

        if (args is ["million-processes", var count, var kind])
        {
            return Runtime.MillionProcesses.Run(int.Parse(count, CultureInfo.InvariantCulture), kind);
        }

        var suites = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && Benchmarks(t).Any())
            .ToArray();
        var filters = FiltersOf(args);
        if (filters.Length > 0 && !suites.Any(t => Benchmarks(t).Any(m => filters.Any(f => Matches($"{t.FullName}.{m.Name}", f)))))
        {
            // An honest answer for a module whose suites have not been written yet.
            Console.WriteLine($"no benchmarks yet for '{string.Join("' '", filters)}'");
            return 0;
        }

        var summaries = BenchmarkSwitcher.FromTypes(suites).Run(args, BenchConfig.Create());
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static IEnumerable<MethodInfo> Benchmarks(Type type) =>
        type.GetMethods().Where(m => m.IsDefined(typeof(BenchmarkAttribute), false));

    /// <summary>The globs after <c>--filter</c> (BenchmarkDotNet takes several, up to the next option).</summary>
    private static string[] FiltersOf(string[] args)
    {
        var i = Array.IndexOf(args, "--filter");
        return i < 0 ? [] : [.. args.Skip(i + 1).TakeWhile(a => !a.StartsWith('-'))];
    }

    /// <summary>BenchmarkDotNet's glob: '*' matches anything, against "Namespace.Type.Method".</summary>
    private static bool Matches(string name, string glob) =>
        Regex.IsMatch(name, "^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$");
}
