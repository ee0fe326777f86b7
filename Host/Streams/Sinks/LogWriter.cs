using System.Text;
using Microsoft.Extensions.Logging;

namespace DistSys.Streams.Sinks;

/// <summary>log: each event to the node's log, clipped to 1 KiB.</summary>
internal sealed class LogWriter(ILogger logger, string jobId, string node) : SinkWriter
{
    public override void Write(ReadOnlySpan<byte> evt) =>
        StreamsLog.SinkEvent(logger, jobId, node, Encoding.UTF8.GetString(evt[..Math.Min(evt.Length, 1024)]));

    public override void Commit()
    {
    }
}
