namespace DistSys.Runtime.Internal;

/// <summary>Higher rank first; on a tie the lower pid counts as higher, so the order is total and stable.</summary>
internal sealed class TopOrder : IComparer<(long Rank, long Id)>
{
    public static readonly TopOrder Instance = new();

    public int Compare((long Rank, long Id) x, (long Rank, long Id) y) =>
        x.Rank != y.Rank ? x.Rank.CompareTo(y.Rank) : y.Id.CompareTo(x.Id);
}
