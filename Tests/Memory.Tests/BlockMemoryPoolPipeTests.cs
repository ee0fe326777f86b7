using System.Buffers;
using System.IO.Pipelines;

namespace DistSys.Memory.Tests;

public sealed class BlockMemoryPoolPipeTests
{
    private const long Total = 128L * 1024 * 1024;
    private const int Period = 251;

    // A prime period, so a segment boundary never lines up with the pattern.
    private static readonly byte[] Pattern = Enumerable.Range(0, Period + 65536).Select(i => (byte)(i % Period)).ToArray();

    [Test]
    public async Task Pipe_OverThePool_Moves128MBInOrderAndReturnsEveryBlock()
    {
        using var pool = new BlockMemoryPool(new BlockMemoryPoolOptions { TrackLeaseStacks = false });
        var pipe = new Pipe(new PipeOptions(pool, minimumSegmentSize: 4096, pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));

        var writing = Task.Run(() => WriteAsync(pipe.Writer));
        var received = await ReadAsync(pipe.Reader).WaitAsync(TimeSpan.FromMinutes(2));
        await writing;

        var stats = pool.GetStatistics();
        Assert.Multiple(() =>
        {
            Assert.That(received, Is.EqualTo(Total));
            Assert.That(stats.Rented, Is.GreaterThan(Total / (64 * 1024)), "the pipe's segments came from the pool");
            Assert.That(stats.Outstanding, Is.Zero);
            Assert.That(stats.DoubleReturns, Is.Zero);
        });
    }

    private static async Task WriteAsync(PipeWriter writer)
    {
        // Chunk sizes vary so writes straddle segments in every way.
        var random = new Random(42);
        for (long position = 0; position < Total;)
        {
            var length = (int)Math.Min(Total - position, random.Next(1, 65536));
            var memory = writer.GetMemory(length);
            Pattern.AsSpan((int)(position % Period), length).CopyTo(memory.Span);
            writer.Advance(length);
            position += length;
            await writer.FlushAsync();
        }

        await writer.CompleteAsync();
    }

    private static async Task<long> ReadAsync(PipeReader reader)
    {
        long position = 0;
        while (true)
        {
            var result = await reader.ReadAsync();
            foreach (var segment in result.Buffer)
            {
                for (var offset = 0; offset < segment.Length; offset += 65536)
                {
                    var piece = segment.Span.Slice(offset, Math.Min(65536, segment.Length - offset));
                    if (!piece.SequenceEqual(Pattern.AsSpan((int)(position % Period), piece.Length)))
                    {
                        Assert.Fail($"wrong bytes at offset {position}");
                    }

                    position += piece.Length;
                }
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                await reader.CompleteAsync();
                return position;
            }
        }
    }
}
