using System.Diagnostics;

namespace DistSys.Streams;

/// <summary>
/// The module's ActivitySource (docs/metrics.md, "Traces"): a <c>stream.checkpoint</c> span each time a
/// topology's runner commits its sources' acknowledged offsets to the store (every 250 ms while they
/// move, and when it restarts or ends), tagged with the stream and how many sources it committed. A
/// root span: the commit is the runner's own timer's work, not a request's. With no listener it returns
/// at the first check and allocates nothing.
/// </summary>
internal static class StreamsTracing
{
    public const string SourceName = "DistSys.Streams";

    private static readonly ActivitySource s_source = new(SourceName);

    public static Activity? StartCheckpoint(string stream, int sources)
    {
        if (!s_source.HasListeners())
        {
            return null;
        }

        var previous = Activity.Current;
        var checkpoint = s_source.StartActivity("stream.checkpoint", ActivityKind.Internal, parentContext: default);
        Activity.Current = previous;
        checkpoint?.SetTag("distsys.stream.id", stream).SetTag("distsys.stream.sources", sources);
        return checkpoint;
    }
}
