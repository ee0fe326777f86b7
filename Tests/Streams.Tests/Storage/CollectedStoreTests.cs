using System.Text;
using DistSys.Streams.Events;
using DistSys.Streams.Storage;
using DistSys.Streams.Tests.Support;

namespace DistSys.Streams.Tests.Storage;

/// <summary>Collect sinks stored a row per batch: pages start and end inside batches, retention drops whole batches.</summary>
[TestFixture]
public sealed class CollectedStoreTests
{
    private string _directory = null!;
    private StreamStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = StreamHarness.NewDataDirectory();
        _store = StreamStore.Open(_directory);
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void ReadCollected_PagesAcrossBatches_EveryEventOnceInOrder()
    {
        Append(0, 7);
        Append(7, 5);
        Append(12, 9);

        var read = new List<string>();
        for (var from = 0L; ;)
        {
            var page = _store.ReadCollected("j", "out", from, 4);
            if (page.Events.Count == 0)
            {
                break;
            }

            Assert.That(page.From, Is.EqualTo(from));
            read.AddRange(page.Events.Select(e => Encoding.UTF8.GetString(e)));
            from = page.Next;
        }

        Assert.That(read, Is.EqualTo(Enumerable.Range(0, 21).Select(Line)));
    }

    [Test]
    public void AppendCollected_PastRetention_DropsTheOldestWholeBatches()
    {
        Append(0, 10, retention: 15);
        Append(10, 10, retention: 15);
        Append(20, 10, retention: 15);

        var page = _store.ReadCollected("j", "out", 0, 100);
        Assert.Multiple(() =>
        {
            Assert.That(page.First, Is.EqualTo(10), "the first batch fell out; the second still holds part of the newest 15");
            Assert.That(page.Events.Select(e => Encoding.UTF8.GetString(e)), Is.EqualTo(Enumerable.Range(10, 20).Select(Line)));
        });
    }

    [Test]
    public void AppendCollected_ReopenedStore_NumbersOnFromTheLastBatch()
    {
        Append(0, 3);
        _store.Dispose();
        _store = StreamStore.Open(_directory);
        Append(3, 2);
        Assert.That(_store.ReadCollected("j", "out", 3, 10).Events.Select(e => Encoding.UTF8.GetString(e)), Is.EqualTo(new[] { Line(3), Line(4) }));
    }

    private static string Line(int i) => $"{{\"n\":{i}}}";

    private void Append(int first, int count, long retention = 1000)
    {
        var builder = new BatchBuilder();
        for (var i = first; i < first + count; i++)
        {
            builder.Append(Encoding.UTF8.GetBytes(Line(i)));
        }

        var batch = builder.Take();
        _store.AppendCollected("j", "out", batch, retention);
        batch.Release();
    }
}
