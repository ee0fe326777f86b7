namespace DistSys.Memory.Tests;

public sealed class BlockMemoryPoolSizeTests
{
    private const int Max = 1024 * 1024;

    private static IEnumerable<TestCaseData> Boundaries()
    {
        for (var n = 64; n <= Max; n *= 2)
        {
            yield return new TestCaseData(n - 1, n == 64 ? 64 : n).SetName($"Rent_OneBelow{n}_ReturnsClass");
            yield return new TestCaseData(n, n).SetName($"Rent_Exactly{n}_ReturnsThatClass");
            if (n < Max)
            {
                yield return new TestCaseData(n + 1, n * 2).SetName($"Rent_OneAbove{n}_ReturnsNextClass");
            }
        }
    }

    [TestCaseSource(nameof(Boundaries))]
    public void Rent_AtClassBoundary_ReturnsSmallestBlockThatFits(int size, int expectedBlock)
    {
        using var pool = new BlockMemoryPool();
        using var lease = pool.Rent(size);

        Assert.That(lease.Memory.Length, Is.EqualTo(expectedBlock));
    }

    [Test]
    public void Rent_OneByte_ReturnsSmallestBlock()
    {
        using var pool = new BlockMemoryPool();
        using var lease = pool.Rent(1);

        Assert.That(lease.Memory.Length, Is.EqualTo(64));
    }

    [Test]
    public unsafe void Memory_Pin_GivesTheBlocksOwnAddress()
    {
        using var pool = new BlockMemoryPool();
        using var lease = pool.Rent(4096);

        using var pin = lease.Memory.Pin();
        fixed (byte* first = lease.Memory.Span)
        {
            Assert.That((nint)pin.Pointer, Is.EqualTo((nint)first));
        }
    }

    [TestCase(0)]
    [TestCase(-2)]
    [TestCase(int.MinValue)]
    [TestCase(Max + 1)]
    [TestCase(int.MaxValue)]
    public void Rent_ZeroNegativeOrOversize_ThrowsNamingTheLimit(int size)
    {
        using var pool = new BlockMemoryPool();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(size));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ParamName, Is.EqualTo("minBufferSize"));
            Assert.That(error.Message, Does.Contain(Max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(pool.GetStatistics().Rented, Is.Zero);
        });
    }

    [Test]
    public void Rent_MinusOne_ReturnsDefaultBlockSize()
    {
        using var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { DefaultBlockSize = 8192 });
        using var lease = pool.Rent();

        Assert.That(lease.Memory.Length, Is.EqualTo(8192));
    }

    [Test]
    public void MaxBufferSize_CustomClasses_IsLargestBlock()
    {
        using var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { MinBlockSize = 16, MaxBlockSize = 4096, DefaultBlockSize = 256 });

        Assert.Multiple(() =>
        {
            Assert.That(pool.MaxBufferSize, Is.EqualTo(4096));
            Assert.That(pool.GetStatistics().SizeClasses.Select(c => c.BlockSize), Is.EqualTo(new[] { 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(4097));
        });
    }

    [TestCase(100, 1024, 256, 128 * 1024, "MinBlockSize")]
    [TestCase(64, 1000, 256, 128 * 1024, "MaxBlockSize")]
    [TestCase(128, 64, 64, 128 * 1024, "MaxBlockSize")]
    [TestCase(64, 1024, 2048, 128 * 1024, "DefaultBlockSize")]
    [TestCase(64, 1024, 256, 3000, "SlabSize")]
    public void Ctor_BadOptions_ThrowsNamingTheOption(int min, int max, int fallback, int slab, string option)
    {
        var options = new BlockMemoryPoolOptions { MinBlockSize = min, MaxBlockSize = max, DefaultBlockSize = fallback, SlabSize = slab };

        var error = Assert.Throws<ArgumentException>(() => new BlockMemoryPool(options).Dispose());

        Assert.That(error!.ParamName, Is.EqualTo(option));
    }
}
