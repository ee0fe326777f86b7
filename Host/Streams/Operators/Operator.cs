namespace DistSys.Streams.Operators;

/// <summary>
/// One operator instance: sees each event of a batch, then the batch's end (where a keyed aggregate
/// emits what changed). Its state is its own; only its instance process calls it.
/// </summary>
internal abstract class Operator
{
    public abstract void OnEvent(ReadOnlySpan<byte> evt, EventOutput output);

    public virtual void OnBatchEnd(EventOutput output)
    {
    }

    /// <summary>
    /// The batch's end for an operator that calls out (<see cref="PluginOperator"/>): the instance awaits it before
    /// its next batch, so credit waits with it. The others end synchronously (a completed task, no allocation).
    /// </summary>
    public virtual ValueTask OnBatchEndAsync(EventOutput output)
    {
        OnBatchEnd(output);
        return default;
    }
}
