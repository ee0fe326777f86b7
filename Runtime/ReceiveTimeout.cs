namespace DistSys.Runtime;

/// <summary>
/// The message a process receives when it set a receive timeout and no message arrived in time.
/// </summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    /// <summary>The one instance: a timeout carries no data.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    public override string ToString() => "receive timeout";
}
