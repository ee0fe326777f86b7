using System.Text.Json;

namespace DistSys.Jobs.Operations;

/// <summary>
/// <c>wordcount</c>: counts words (runs of letters, digits and apostrophes, case-folded) in each
/// partition's lines — of plain text, or of one string field of NDJSON objects (<c>"field"</c>); the
/// job's result is one object of word → count, words in ordinal order.
/// </summary>
internal sealed class WordCountOperation : IKeyedOperation
{
    public string Name => "wordcount";

    public OperationInput Input => OperationInput.Text;

    public TaskPlacement PlaceFor(TaskInput input) => CpuBound.PlaceFor(input);

    public async ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation)
    {
        var tally = new Tally(input, null);
        await input.ForEachLineAsync(tally.Line, cancellation).ConfigureAwait(false);
        return tally.ToJson();
    }

    public async ValueTask MapAsync(TaskInput input, IKeyedOutput output, CancellationToken cancellation)
    {
        var tally = new Tally(input, output);
        await input.ForEachLineAsync(tally.Line, cancellation).ConfigureAwait(false);
        tally.WriteRun();
    }

    /// <summary>
    /// One task's words: ASCII lines through <see cref="AsciiWordCounts"/>, any other line (and NDJSON
    /// fields) case-folded word by word under the full Unicode rule into a dictionary; the two are
    /// added together at the end. For ASCII text both rules give the same words. A map task's tally
    /// writes both out as a run whenever together they pass the output's limit.
    /// </summary>
    private sealed class Tally(TaskInput input, IKeyedOutput? output)
    {
        private readonly AsciiWordCounts _ascii = new();
        private readonly KeyedTable<long> _unicode = new(output, spills: false);
        private readonly long _limit = output?.TableLimitBytes ?? long.MaxValue;

        private char[] _chars = new char[256];
        private char[] _word = new char[64];

        public string ToJson()
        {
            _ascii.AddTo(_unicode.Dictionary);
            return _unicode.ToJson();
        }

        public void WriteRun()
        {
            _ascii.WriteTo(output!);
            _unicode.WriteTo(output!);
            output!.EndRun();
        }

        public void Line(long offset, ReadOnlySpan<byte> line)
        {
            Count(offset, line);
            if (_ascii.EstimatedBytes + _unicode.EstimatedBytes > _limit)
            {
                WriteRun();
            }
        }

        private void Count(long offset, ReadOnlySpan<byte> line)
        {
            if (input.IsNdjson)
            {
                if (!LineText.IsBlank(line) && LineText.TryField(line, input.Field!, input, offset, out var type, out var text, out _) && type == JsonTokenType.String)
                {
                    CountUnicode(text);
                }
            }
            else if (!_ascii.TryCountLine(line))
            {
                CountUnicode(LineText.Decode(line, input, offset, ref _chars));
            }
        }

        private void CountUnicode(ReadOnlySpan<char> text)
        {
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\'');
                if (inWord && start < 0)
                {
                    start = i;
                }
                else if (!inWord && start >= 0)
                {
                    var word = text[start..i];
                    if (_word.Length < word.Length)
                    {
                        _word = new char[word.Length];
                    }

                    _unicode.Add(_word.AsSpan(0, word.ToLowerInvariant(_word)), 1);
                    start = -1;
                }
            }
        }
    }

    // Shuffled: each key is in exactly one reducer's part, so the parts together are the result.
    public bool ResultIsItsParts => true;

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer) => Counts.Combine(partitions, writer);
}
