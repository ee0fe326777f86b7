namespace DistSys.Streams.Sinks;

/// <summary>Where a sink instance puts events: written one by one, committed after each batch (then the sink acknowledges its mark).</summary>
internal abstract class SinkWriter
{
    public abstract void Write(ReadOnlySpan<byte> evt);

    public abstract void Commit();

    public virtual void Close()
    {
    }
}
