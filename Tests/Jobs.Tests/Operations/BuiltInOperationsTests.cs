using DistSys.Jobs.Operations;
using DistSys.Jobs.Tests.Support;

namespace DistSys.Jobs.Tests.Operations;

/// <summary>Each built-in on its partitions, then combined as the master does.</summary>
public sealed class BuiltInOperationsTests
{
    private static readonly OperationRegistry s_operations = OperationRegistry.CreateDefault();

    private static string RunJob(JobConfig config)
    {
        Assert.That(s_operations.TryGet(config.Operation, out var op), Is.True);
        var plan = new JobPlan(config);
        var partitions = Enumerable.Range(0, config.TaskCount).Select(i => op!.ExecuteAsync(plan.TaskFor("j", i, 1), CancellationToken.None).AsTask().Result).ToList();
        return JsonText.Write((op!, partitions), static (writer, s) => s.Item1.Combine(s.partitions, writer));
    }

    [Test]
    public void Multiply_Range_ProductsInOrder() =>
        Assert.That(RunJob(new JobConfig("multiply", 3, 2.5, 0, 0, JobInput.Range(1, 4))), Is.EqualTo("[2.5,5,7.5,10]"));

    [Test]
    public void Sum_Range_Total() =>
        Assert.That(RunJob(new JobConfig("sum", 7, 0, 0, 0, JobInput.Range(1, 1000))), Is.EqualTo("500500"));

    [Test]
    public void Sort_Numbers_Ascending() =>
        Assert.That(RunJob(new JobConfig("sort", 2, 0, 0, 0, new JobInput(0, 0, [3, -1, 2, 10, 0], null))), Is.EqualTo("[-1,0,2,3,10]"));

    [Test]
    public void WordCount_Text_CaseFoldedCountsAcrossPartitions()
    {
        var result = RunJob(new JobConfig("wordcount", 2, 0, 0, 0, new JobInput(0, 0, null, "The cat\nthe dog's cat\nDog\n")));

        Assert.That(result, Is.EqualTo("""{"cat":2,"dog":1,"dog's":1,"the":2}"""));
    }

    [Test]
    public void WordCount_AsciiAndUnicodeLines_OneRuleForBoth()
    {
        // ASCII lines take the byte counter, the others the Unicode rule: a word on both kinds of
        // line is one key, and non-ASCII letters are word characters, case-folded.
        var text = "Über the CAT's cat\nthe cat's ÜBER, 42 cats\nÉlan élan 42\n";

        var result = RunJob(new JobConfig("wordcount", 1, 0, 0, 0, new JobInput(0, 0, null, text)));

        Assert.That(result, Is.EqualTo("""{"42":2,"cat":1,"cat's":2,"cats":1,"the":2,"élan":2,"über":2}"""));
    }

    [Test]
    public void Sleep_Cancelled_ThrowsPromptly()
    {
        s_operations.TryGet("sleep", out var sleep);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAsync<TaskCanceledException>(async () =>
            await sleep!.ExecuteAsync(new JobPlan(new JobConfig("sleep", 1, 0, 60_000, 0, JobInput.None)).TaskFor("j", 0, 1), cancellation.Token));
    }

    [Test]
    public void Sleep_Running_HoldsNoThread()
    {
        s_operations.TryGet("sleep", out var sleep);
        using var cancellation = new CancellationTokenSource();
        var task = new JobPlan(new JobConfig("sleep", 1, 0, 60_000, 0, JobInput.None)).TaskFor("j", 0, 1);

        // Returned at once, still pending: a timer waits, not a blocked thread.
        var running = sleep!.ExecuteAsync(task, cancellation.Token);
        var pendingAtReturn = !running.IsCompleted;
        cancellation.Cancel();

        Assert.That(pendingAtReturn, Is.True);
        Assert.That(sleep.PlaceFor(task), Is.EqualTo(TaskPlacement.Inline));
    }

    [TestCase(10, false)]
    [TestCase(1_000_000, true)]
    public void CpuOperations_LargePartitions_OnThePool(int items, bool onThePool)
    {
        s_operations.TryGet("sum", out var sum);

        var placement = sum!.PlaceFor(new JobPlan(new JobConfig("sum", 1, 0, 0, 0, JobInput.Range(1, items))).TaskFor("j", 0, 1));

        Assert.That(placement, Is.EqualTo(onThePool ? TaskPlacement.ThreadPool : TaskPlacement.Inline));
    }

    [Test]
    public void Add_BuiltInsName_RefusedAndTheBuiltInStays()
    {
        var registry = OperationRegistry.CreateDefault();

        Assert.Throws<ArgumentException>(() => registry.Add(TestOperations.Named("sum")));
        Assert.That(registry.Remove("sum"), Is.False);
        Assert.That(registry.TryGet("sum", out var sum) && sum is SumOperation, Is.True);
    }

    [TestCase("")]
    [TestCase("plugin:x@1")]
    public void Add_NameEmptyOrHoldingAVersion_Refused(string name) =>
        Assert.Throws<ArgumentException>(() => OperationRegistry.CreateDefault().Add(TestOperations.Named(name)));

    [Test]
    public void AddThenRemove_TheNameResolvesOnlyInBetween()
    {
        var registry = OperationRegistry.CreateDefault();

        registry.Add(TestOperations.Named("plugin:x"));
        Assert.That(registry.TryGet("plugin:x", out _), Is.True);
        Assert.That(registry.Remove("plugin:x"), Is.True);
        Assert.That(registry.TryGet("plugin:x", out _), Is.False);
    }
}
