using System.Collections.Concurrent;
using System.Diagnostics;

namespace DistSys.Tests.Shared;

/// <summary>
/// Records the spans one ActivitySource stops while it is alive, as an exporter would see them
/// (every span sampled and recorded). Listeners are process-wide, so tests running in parallel may
/// add spans of their own: a test picks its spans by a tag it knows.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder(string source)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stopped spans named <paramref name="name"/> whose tag <paramref name="tag"/> is <paramref name="value"/>.</summary>
    public List<Activity> Spans(string name, string tag, object value) =>
        [.. _stopped.Where(a => a.OperationName == name && Equals(a.GetTagItem(tag), value))];

    public void Dispose() => _listener.Dispose();
}
