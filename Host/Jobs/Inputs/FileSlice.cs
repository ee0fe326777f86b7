using MessagePack;

namespace DistSys.Jobs.Inputs;

/// <summary>
/// A task's share of an input file: the lines that start in bytes [<see cref="Offset"/>,
/// <see cref="Offset"/> + <see cref="Length"/>) of <see cref="Name"/> (relative to the input root).
/// A slice is planned from the file's size alone; its reader aligns it to lines (see
/// <see cref="SliceLines"/>), so a line is never split and every line belongs to exactly one slice.
/// </summary>
[MessagePackObject]
public sealed record FileSlice(
    [property: Key(0)] string Name,
    [property: Key(1)] long FileSize,
    [property: Key(2)] long WrittenTicks,
    [property: Key(3)] long Offset,
    [property: Key(4)] long Length)
{
    /// <summary>The file as the master saw it at submit.</summary>
    [IgnoreMember]
    internal InputFile File => new(Name, FileSize, WrittenTicks);

    /// <summary>
    /// Splits <paramref name="files"/> into <paramref name="target"/> slices, each within one file (or
    /// one per non-empty file, when there are more such files than that): slices are shared out in
    /// proportion to size by largest remainder, every non-empty file getting at least one, and a
    /// file's slices are byte ranges of equal length (never more slices than bytes). Deterministic, so a
    /// restarted master plans the same slices from the same sizes and target.
    /// </summary>
    internal static List<FileSlice> Plan(IReadOnlyList<InputFile> files, int target)
    {
        ArgumentNullException.ThrowIfNull(files);
        var nonEmpty = files.Where(f => f.Size > 0).ToArray();
        if (nonEmpty.Length == 0)
        {
            // Nothing to read: one empty slice, so the job still runs once and answers an empty result.
            return [files.Count > 0 ? new FileSlice(files[0].Name, 0, files[0].WrittenTicks, 0, 0) : new FileSlice("", 0, 0, 0, 0)];
        }

        var shares = Shares(nonEmpty, target);
        var slices = new List<FileSlice>();
        for (var f = 0; f < nonEmpty.Length; f++)
        {
            var file = nonEmpty[f];
            for (long i = 0; i < shares[f]; i++)
            {
                var from = file.Size * i / shares[f];
                var to = file.Size * (i + 1) / shares[f];
                slices.Add(new FileSlice(file.Name, file.Size, file.WrittenTicks, from, to - from));
            }
        }

        return slices;
    }

    private static long[] Shares(InputFile[] files, int target)
    {
        var count = Math.Max(target, files.Length);
        var total = (double)files.Sum(f => f.Size);
        var quotas = files.Select(f => f.Size / total * count).ToArray();
        var shares = quotas.Select(q => Math.Max(1, (long)q)).ToArray();
        var fractions = quotas.Select(q => q - Math.Floor(q)).ToArray();
        var diff = count - shares.Sum();

        // Largest remainder: the files closest to their next slice get one more ...
        foreach (var f in Enumerable.Range(0, files.Length).OrderByDescending(f => fractions[f]).ThenBy(f => f).Take((int)Math.Max(0, diff)))
        {
            shares[f]++;
        }

        // ... and when the one-slice minimum overshot, those furthest from theirs give one back.
        while (diff < 0)
        {
            var given = false;
            foreach (var f in Enumerable.Range(0, files.Length).Where(f => shares[f] > 1).OrderBy(f => fractions[f]).ThenByDescending(f => f))
            {
                shares[f]--;
                given = true;
                if (++diff == 0)
                {
                    break;
                }
            }

            if (!given)
            {
                break;
            }
        }

        for (var f = 0; f < files.Length; f++)
        {
            shares[f] = Math.Min(shares[f], files[f].Size);
        }

        return shares;
    }
}
