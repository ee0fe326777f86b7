using DistSys.Jobs.Inputs;

namespace DistSys.Jobs.Tests.Inputs;

/// <summary>Planning slices from sizes alone: the count asked for, proportional, deterministic.</summary>
public sealed class FileSliceTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(100)]
    public void Plan_TargetAtLeastTheFiles_ExactlyThatManySlicesCoveringEveryByteOnce(int target)
    {
        InputFile[] files = [new("a", 1000, 1), new("b", 10, 1), new("c", 0, 1), new("d", 5000, 1)];

        var slices = FileSlice.Plan(files, target);

        Assert.That(slices, Has.Count.EqualTo(Math.Max(target, 3)));
        foreach (var file in files.Where(f => f.Size > 0))
        {
            var mine = slices.Where(s => s.Name == file.Name).ToList();
            Assert.That(mine, Is.Not.Empty, $"{file.Name} has a slice");
            Assert.That(mine.Sum(s => s.Length), Is.EqualTo(file.Size));
            Assert.That(mine.Zip(mine.Skip(1)).All(p => p.First.Offset + p.First.Length == p.Second.Offset), Is.True, "contiguous");
        }

        Assert.That(slices.Any(s => s.Name == "c"), Is.False, "an empty file has no slice");
    }

    [Test]
    public void Plan_SameSizesAndTarget_SameSlices() =>
        Assert.That(FileSlice.Plan([new("a", 12345, 9), new("b", 678, 9)], 11), Is.EqualTo(FileSlice.Plan([new("a", 12345, 9), new("b", 678, 9)], 11)));

    [Test]
    public void Plan_MoreSlicesThanBytes_OneSlicePerByteAtMost() =>
        Assert.That(FileSlice.Plan([new("tiny", 3, 1)], 50), Has.Count.EqualTo(3));

    [Test]
    public void Plan_OnlyEmptyFiles_OneEmptySlice()
    {
        var slice = FileSlice.Plan([new("empty", 0, 1)], 8).Single();

        Assert.That((slice.Name, slice.Length), Is.EqualTo(("empty", 0L)));
    }

    [Test]
    public void Plan_SharesFollowTheSizes()
    {
        var slices = FileSlice.Plan([new("big", 9000, 1), new("small", 1000, 1)], 10);

        Assert.That(slices.Count(s => s.Name == "big"), Is.EqualTo(9));
    }
}
