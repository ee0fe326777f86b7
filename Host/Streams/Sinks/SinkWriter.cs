namespace DistSys.Streams.Sinks;

/// <summary>Where a sink instance puts events: written one by one, committed after one or more batches (then the sink acknowledges their mark; <see cref="SinkTerminal"/>).</summary>
internal abstract class SinkWriter
{
    public abstract void Write(ReadOnlySpan<byte> evt);

    public abstract void Commit();

    public virtual void Close()
    {
    }
}
