namespace DistSys.Streams;

/// <summary>What an ingest did (docs/api.md, POST /api/streams/{job}/sources/{node}).</summary>
internal enum IngestOutcome
{
    Accepted,
    UnknownJob,
    UnknownNode,
    NotHttpSource,
    NotRunning,
    LogFull,
}

/// <summary>The outcome, with the offsets the events took when accepted.</summary>
internal readonly record struct IngestResult(IngestOutcome Outcome, long Start, long End, long Used, long Capacity);
