namespace DistSys.Streams;

/// <summary>A topology's state; the API spells them in lower case.</summary>
internal enum StreamStatus
{
    Running,
    Stopping,
    Stopped,
    Completed,
    Failed,
}

internal static class StreamStatusNames
{
    public static string Name(this StreamStatus status) => status switch
    {
        StreamStatus.Running => "running",
        StreamStatus.Stopping => "stopping",
        StreamStatus.Stopped => "stopped",
        StreamStatus.Completed => "completed",
        _ => "failed",
    };

    public static StreamStatus Parse(string name) => Enum.GetValues<StreamStatus>().First(s => s.Name() == name);

    public static bool IsTerminal(this StreamStatus status) => status is StreamStatus.Stopped or StreamStatus.Completed or StreamStatus.Failed;
}
