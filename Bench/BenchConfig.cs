using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Reports;

namespace DistSys.Bench;

/// <summary>
/// The one configuration every suite runs with: allocations always measured (the 0 B/op proof),
/// medians and ratios against each class's baseline, and results exported as GitHub markdown
/// for docs/benchmarks.md.
/// </summary>
internal static class BenchConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
            .WithOptions(ConfigOptions.DisableLogFile)
            // The default 2-minute limit for building each generated benchmark project is too short
            // for a 2-core machine that is busy with anything else.
            .WithBuildTimeout(TimeSpan.FromMinutes(15));
}
