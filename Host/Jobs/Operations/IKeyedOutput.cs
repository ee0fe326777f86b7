namespace DistSys.Jobs.Operations;

/// <summary>
/// Where a map task of a shuffled job writes its keyed table (<see cref="Shuffle.MapOutput"/>): in
/// runs, each run the whole table as it was when it reached <see cref="TableLimitBytes"/> (and once
/// more at the end), after which the task starts an empty table. So a task's memory stays bounded
/// however many keys its partition holds; a key may appear in several runs, and the reducer adds
/// them up as it adds up the map tasks.
/// </summary>
internal interface IKeyedOutput
{
    /// <summary>About how many bytes of keys and values a task may hold before it writes them out.</summary>
    long TableLimitBytes { get; }

    void Write(ReadOnlySpan<byte> utf8Key, long value);

    void Write(ReadOnlySpan<byte> utf8Key, double value);

    /// <summary>Ends the run: everything the task held is written.</summary>
    void EndRun();
}
