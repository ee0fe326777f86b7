using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace DistSys.Chaos.Tests;

/// <summary>One scenario's line in the report: what was injected, what ran, and whether the invariants held.</summary>
internal sealed record ChaosRow(string Scenario, int Faults, int Jobs, int Tasks, bool Exact, long Duplicates, TimeSpan Converge);

/// <summary>
/// The table the harness prints after every scenario ran (scenario, faults injected, jobs, tasks, results
/// exact, duplicates, worst time to converge after a heal), written to the test output and to
/// <c>chaos-report.txt</c> beside the test assembly, where <c>make chaos</c> prints it from.
/// </summary>
[SetUpFixture]
internal sealed class ChaosReport
{
    private static readonly ConcurrentQueue<ChaosRow> Rows = new();

    public static string File => Path.Combine(AppContext.BaseDirectory, "chaos-report.txt");

    public static void Add(ChaosRow row) => Rows.Enqueue(row);

    [OneTimeTearDown]
    public void Print()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"scenario",-26} {"faults",6} {"jobs",5} {"tasks",6} {"exact",5} {"dups",5} {"converge",9}");
        foreach (var row in Rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Scenario,-26} {row.Faults,6} {row.Jobs,5} {row.Tasks,6} {(row.Exact ? "yes" : "NO"),5} {row.Duplicates,5} {row.Converge.TotalSeconds,8:0.00}s");
        }

        System.IO.File.WriteAllText(File, table.ToString());
        TestContext.Progress.Write(table.ToString());
    }
}
