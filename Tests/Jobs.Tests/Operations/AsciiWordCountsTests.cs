using System.Text;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs.Tests.Operations;

/// <summary>wordcount's ASCII counter against a plain dictionary on the same words.</summary>
public sealed class AsciiWordCountsTests
{
    [Test]
    public void TryCountLine_ManyWordsOfEveryLength_SameCountsAsADictionary()
    {
        // Lengths 1..40 cover keys inline (≤ 8, ≤ 16 bytes), spilled (> 16, across several 8-byte
        // words) and the boundaries between; 20 000 distinct words make the table grow many times.
        var random = new Random(7);
        var vocabulary = Enumerable.Range(0, 20_000)
            .Select(i => new string(Enumerable.Range(0, 1 + (i % 40)).Select(_ => "abcXYZ019'"[random.Next(10)]).ToArray()))
            .ToArray();
        var counter = new AsciiWordCounts();
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var line = 0; line < 5_000; line++)
        {
            var words = Enumerable.Range(0, 1 + random.Next(30)).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray();
            Assert.That(counter.TryCountLine(Encoding.ASCII.GetBytes(string.Join(line % 2 == 0 ? " " : " ,\t-", words))), Is.True);
            foreach (var word in words)
            {
                expected[word.ToLowerInvariant()] = expected.GetValueOrDefault(word.ToLowerInvariant()) + 1;
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        counter.AddTo(counts);

        Assert.That(counts, Is.EquivalentTo(expected));
        Assert.That(counter.Count, Is.EqualTo(expected.Count));
    }

    [Test]
    public void TryCountLine_NonAscii_FalseAndCountsNothing()
    {
        var counter = new AsciiWordCounts();

        Assert.That(counter.TryCountLine("naïve café"u8), Is.False);
        Assert.That(counter.Count, Is.Zero);
    }

    [Test]
    public void AddTo_AddsToWhatTheDictionaryHolds()
    {
        var counter = new AsciiWordCounts();
        counter.TryCountLine("Ab ab AB, a-b"u8);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["ab"] = 10, ["élan"] = 1 };

        counter.AddTo(counts);

        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, long> { ["ab"] = 13, ["a"] = 1, ["b"] = 1, ["élan"] = 1 }));
    }
}
