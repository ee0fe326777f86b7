
namespace DistSys.Jobs.Tests;

/// <summary>Partitioning: contiguous, balanced, every item exactly once, in order.</summary>
public sealed class JobPlanTests
{
    [TestCase(10, 3)]
    [TestCase(50, 5)]
    [TestCase(3, 7)]
    [TestCase(1_000_000, 100_000)]
    public void TaskFor_Range_CoversEveryNumberOnceInOrder(int count, int tasks)
    {
        var plan = new JobPlan(new JobConfig("sum", tasks, 0, 0, 0, JobInput.Range(1, count)));

        var next = 1L;
        for (var i = 0; i < tasks; i++)
        {
            var task = plan.TaskFor("j", i, 1);
            Assert.That(task.RangeStart, Is.EqualTo(next).Or.Matches<long>(_ => task.RangeCount == 0));
            next += task.RangeCount;
            Assert.That(task.RangeCount, Is.InRange(count / tasks, (count / tasks) + 1));
        }

        Assert.That(next, Is.EqualTo(count + 1));
    }

    [Test]
    public void TaskFor_Text_SplitsOnWholeLines()
    {
        var plan = new JobPlan(new JobConfig("wordcount", 2, 0, 0, 0, new JobInput(0, 0, null, "a b\nc\nd e f\n")));

        Assert.Multiple(() =>
        {
            Assert.That(plan.TaskFor("j", 0, 1).Text, Is.EqualTo("a b\n"));
            Assert.That(plan.TaskFor("j", 1, 1).Text, Is.EqualTo("c\nd e f\n"));
        });
    }

    [Test]
    public void TaskFor_InlineNumbers_SlicesInOrder()
    {
        var plan = new JobPlan(new JobConfig("sort", 2, 0, 0, 0, new JobInput(0, 0, [5, 4, 3, 2, 1], null)));

        Assert.Multiple(() =>
        {
            Assert.That(plan.TaskFor("j", 0, 1).Numbers, Is.EqualTo(new double[] { 5, 4 }));
            Assert.That(plan.TaskFor("j", 1, 1).Numbers, Is.EqualTo(new double[] { 3, 2, 1 }));
        });
    }
}
